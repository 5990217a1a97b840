package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.common.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify's tax lines (REST Admin API order shapes: {@code line_items[].tax_lines[]} with the rate as a fraction,
 * {@code taxes_included}, {@code shipping_lines[]}) become the claim's VAT rates, tax-included flag and shipping.
 */
class ShopifyTaxLinesTest {

    /** A French order: prices include VAT, a mug at 20 %, a book at 5.5 %, Colissimo shipping at 20 %. */
    private static final String FRENCH_ORDER = """
            {
              "id": 450789469,
              "currency": "EUR",
              "email": "bob.norman@example.com",
              "created_at": "2026-11-20T10:00:00+01:00",
              "customer_locale": "fr",
              "taxes_included": true,
              "total_price": "51.10",
              "total_tax": "5.76",
              "financial_status": "paid",
              "fulfillment_status": null,
              "customer": {"id": 207119551, "first_name": "Bob", "last_name": "Norman"},
              "line_items": [
                {"id": 466157049, "variant_id": 39072856, "sku": "MUG-01", "title": "Mug", "quantity": 1, "price": "24.00",
                 "taxable": true, "discount_allocations": [],
                 "tax_lines": [{"channel_liable": false, "price": "4.00", "rate": 0.2, "title": "FR TVA",
                                "price_set": {"shop_money": {"amount": "4.00", "currency_code": "EUR"}}}]},
                {"id": 518995019, "variant_id": 49148385, "sku": "BOOK-01", "title": "Book", "quantity": 2, "price": "10.55",
                 "taxable": true, "discount_allocations": [],
                 "tax_lines": [{"channel_liable": false, "price": "1.10", "rate": 0.055, "title": "FR TVA"}]}
              ],
              "shipping_lines": [
                {"id": 369256396, "code": "colissimo", "title": "Colissimo", "source": "shopify", "price": "6.00",
                 "discounted_price": "6.00", "discount_allocations": [],
                 "tax_lines": [{"channel_liable": false, "price": "1.00", "rate": 0.2, "title": "FR TVA"}]}
              ]
            }""";

    @Test
    void aCancelledOrderCarriesEachLinesRateTheTaxIncludedFlagAndTheShipping() {
        ClaimRequest claim = ShopifyClaims.cancelledBeforeShipment(read(FRENCH_ORDER), new BigDecimal("51.10"));

        assertThat(claim.items()).extracting(ClaimRequest.Item::sku, ClaimRequest.Item::taxRate, ClaimRequest.Item::taxIncluded)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MUG-01", new BigDecimal("20.0"), true),
                        org.assertj.core.groups.Tuple.tuple("BOOK-01", new BigDecimal("5.5"), true));
        assertThat(claim.shipping()).isEqualTo(new ClaimRequest.Shipping(Money.of("6.00", "EUR"), new BigDecimal("20.0")));
        ClaimRequestValidator.check(claim);
    }

    @Test
    void aReturnCarriesTheReturnedLinesRatesButNoShipping() {
        JsonNode order = read(FRENCH_ORDER);
        JsonNode book = ShopifyClaims.lineItemsById(order).get("518995019");

        ClaimRequest claim = ShopifyClaims.returned("9994", ClaimReason.DAMAGED, order,
                List.of(new ShopifyClaims.ReturnedLine(book, 1)));

        assertThat(claim.items()).singleElement().satisfies(item -> {
            assertThat(item.taxRate()).isEqualTo(new BigDecimal("5.5"));
            assertThat(item.includesTax()).isTrue();
        });
        assertThat(claim.shipping()).isNull();
        ClaimRequestValidator.check(claim);
    }

    @Test
    void aLineTaxedTwiceHasTheSumOfItsRatesAndPricesWithoutTaxesAreFlagged() {
        // A Quebec order: GST 5 % + QST 9.975 % on the same line, prices before tax.
        JsonNode order = read("""
                {"id": 820982911, "currency": "CAD", "taxes_included": false, "total_price": "22.99", "total_tax": "2.99",
                 "customer": {"id": 115310627},
                 "line_items": [{"id": 1071823172, "sku": "TOQUE-01", "quantity": 1, "price": "20.00", "taxable": true,
                   "tax_lines": [{"price": "1.00", "rate": 0.05, "title": "GST"}, {"price": "2.00", "rate": 0.09975, "title": "QST"}]}],
                 "shipping_lines": []}""");

        ClaimRequest claim = ShopifyClaims.cancelledBeforeShipment(order, new BigDecimal("22.99"));

        assertThat(claim.items()).singleElement().satisfies(item -> {
            assertThat(item.taxRate()).isEqualTo(new BigDecimal("14.975"));
            assertThat(item.taxIncluded()).isFalse();
        });
        assertThat(claim.shipping()).isNull();
        ClaimRequestValidator.check(claim);
    }

    @Test
    void untaxedLinesAreAtZeroAndLinesShopifySaysNothingAboutTakeTheShopsDefault() {
        // An order with no tax at all may be a shop without taxes set up in Shopify: only "taxable": false means 0 %.
        JsonNode order = read("""
                {"id": 1, "currency": "EUR", "total_price": "55.00", "total_tax": "0.00", "customer": {"id": 2},
                 "line_items": [
                   {"id": 10, "sku": "GIFT-CARD", "quantity": 1, "price": "25.00", "taxable": false, "tax_lines": []},
                   {"id": 11, "sku": "MUG-01", "quantity": 1, "price": "30.00", "taxable": true, "tax_lines": []},
                   {"id": 12, "sku": "MUG-02", "quantity": 1, "price": "30.00"}]}""");

        assertThat(ShopifyClaims.cancelledBeforeShipment(order, new BigDecimal("55.00")).items())
                .extracting(ClaimRequest.Item::taxRate).containsExactly(new BigDecimal("0.0"), null, null);
    }

    @Test
    void shippingLinesAtDifferentRatesAreAddedUpAndFollowTheGoods() {
        JsonNode order = read("""
                {"id": 5, "currency": "EUR", "taxes_included": true, "total_price": "40.00", "customer": {"id": 6},
                 "line_items": [{"id": 13, "sku": "MUG-01", "quantity": 1, "price": "30.00",
                                 "tax_lines": [{"price": "5.00", "rate": 0.2, "title": "TVA"}]}],
                 "shipping_lines": [
                   {"id": 1, "title": "Express", "price": "8.00", "discounted_price": "6.00",
                    "tax_lines": [{"price": "1.00", "rate": 0.2, "title": "TVA"}]},
                   {"id": 2, "title": "Insurance", "price": "4.00",
                    "tax_lines": [{"price": "0.21", "rate": 0.055, "title": "TVA"}]},
                   {"id": 3, "title": "Free pickup", "price": "0.00", "tax_lines": []}]}""");

        ClaimRequest.Shipping shipping = ShopifyClaims.shipping(order, "EUR");

        assertThat(shipping).isEqualTo(new ClaimRequest.Shipping(Money.of("10.00", "EUR"), null));
    }

    private static JsonNode read(String json) {
        return Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
