package io.claimpilot.claim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracking numbers in customers' replies: the carriers' usual formats, and what only looks like them. */
class TrackingNumbersTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "UPS                  | Here is my tracking: 1Z999AA10123456784                 | 1Z999AA10123456784",
            "UPS, grouped         | ups 1Z 999 AA1 01 2345 6784 thanks                      | 1Z999AA10123456784",
            "USPS 22 digits       | USPS says 9400111899223197428490 is delivered           | 9400111899223197428490",
            "USPS, grouped        | tracking 9400 1118 9922 3197 4284 90                    | 9400111899223197428490",
            "USPS 20 digits       | 92001901755477000000 arrived                            | 92001901755477000000",
            "S10 La Poste         | Numéro de suivi : LA123456785FR                         | LA123456785FR",
            "S10 lower case       | voici le suivi la123456785fr merci                      | LA123456785FR",
            "Chronopost           | Chronopost XY123456789FR                                | XY123456789FR",
            "Colissimo domestic   | Mon colis 6A12345678901 n'est jamais arrivé             | 6A12345678901",
            "DHL letters          | DHL JJD0099999999123456 stuck                           | JJD0099999999123456",
            "DHL Express 10       | my DHL waybill is 1234567891                            | 1234567891",
            "FedEx 12             | FedEx tracking 582345678906                             | 582345678906",
            "FedEx 15             | the parcel 961123456789014 never came                   | 961123456789014",
            "GLS 11, named        | GLS parcel 12345678901 is lost                          | 12345678901",
    })
    void findsACarriersTrackingNumber(String carrier, String text, String expected) {
        assertThat(TrackingNumbers.find(text, Set.of())).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "My order number is 582345678906, the parcel never came",
            "Commande #1234567891 : colis endommagé",
            "Appelez-moi au 0612345678 pour le colis",
            "Call me on +33612345678 about the parcel",
            "My phone: 1234567891, tracking unknown",
            "Référence 582345678906 du colis",
            "1234567891",
            "The parcel 582345678907 never came",
            "the parcel 1234567892 was late",
            "GLS told me nothing; my ticket is 12345678",
            "Invoice 2026-000123, amount 24.90 EUR, parcel",
            "",
    })
    void findsNothingInOrderPhoneOrOtherNumbers(String text) {
        assertThat(TrackingNumbers.find(text, Set.of())).isEmpty();
    }

    @Test
    void leavesOutTheClaimsOwnOrderIdEvenInAParcelFormat() {
        assertThat(TrackingNumbers.find("Suivi LA123456785FR, commande LA123456785FR", Set.of("la123456785fr"))).isEmpty();
    }

    @Test
    void findsEachNumberOnceInTheOrderTheyAppear() {
        assertThat(TrackingNumbers.find("colis 6A12345678901 puis 1Z999AA10123456784, encore 6A12345678901", Set.of()))
                .containsExactly("6A12345678901", "1Z999AA10123456784");
    }
}
