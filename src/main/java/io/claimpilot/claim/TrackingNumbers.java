package io.claimpilot.claim;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds carriers' tracking numbers in a customer's free text (a helpdesk reply). Formats with letters that no order or
 * phone number has (UPS {@code 1Z…}, DHL {@code JJD…}, the UPU S10 numbers of La Poste, Colissimo international and
 * Chronopost {@code LA123456789FR}, Colissimo's {@code 6A12345678901}) are taken as they are. Numbers made only of
 * digits are what order and phone numbers look like too, so each needs more: USPS's 20 to 22 digits start with its
 * 92–95 service codes; FedEx (12 or 15 digits) and DHL Express (10 digits) must pass their check digit and appear in a
 * text that speaks of a parcel or a carrier; GLS (11 or 12 digits) must be named. A number right after "order",
 * "commande", "#", "tel" or "+" is never one, nor any of the values the caller excludes (the claim's order id).
 */
public final class TrackingNumbers {

    /** evidence.tracking_number's width. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern UPS = Pattern.compile("\\b1Z(?: ?[0-9A-Z]){16}\\b");
    private static final Pattern DHL_LETTERS = Pattern.compile("\\b(?:JJD|JVGL)\\d{10,20}\\b");
    private static final Pattern S10 = Pattern.compile("\\b[A-Z]{2}\\d{9}[A-Z]{2}\\b");
    private static final Pattern COLISSIMO = Pattern.compile("\\b\\d[A-Z]\\d{11}\\b");
    /** USPS IMpb, printed in groups of four: 9400 1000 0000 0000 0000 00. */
    private static final Pattern USPS = Pattern.compile("\\b9[2-5]\\d{2}(?: ?\\d{4}){4}(?: ?\\d{2,4})?\\b");
    private static final Pattern DIGITS = Pattern.compile("(?<![\\d+#])\\d{10,15}(?!\\d)");
    private static final Pattern PARCEL_WORDS = Pattern.compile(
            "\\b(track\\w*|parcel|package|shipment|colis|suivi|envoi|exp[ée]dition|fedex|dhl|gls|ups|usps|chronopost|colissimo|la poste|carrier|transporteur)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern GLS_WORD = Pattern.compile("\\bgls\\b", Pattern.CASE_INSENSITIVE);
    /** Words that make the number right after them something else than a tracking number. */
    private static final Pattern NOT_TRACKING_BEFORE = Pattern.compile(
            "(?:\\b(?:order|commande|cmd|invoice|facture|ref|r[ée]f[ée]rence|tel|t[ée]l[ée]phone|phone|mobile|portable)(?:\\s+(?:number|num[ée]ro|no|n°|id|de\\s+commande|is|est|was|[ée]tait))*|#|\\+)\\s*[:.#°-]?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private TrackingNumbers() {
    }

    /** The tracking numbers in the text, each once, in the order they appear, none of them in {@code excluded}. */
    public static List<String> find(String text, Set<String> excluded) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String upper = text.toUpperCase(Locale.ROOT);
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        for (Pattern pattern : List.of(UPS, DHL_LETTERS, S10, COLISSIMO, USPS)) {
            Matcher matcher = pattern.matcher(upper);
            while (matcher.find()) {
                if (!afterAnotherKindOfNumber(upper, matcher.start())) {
                    byPosition.put(matcher.start(), normalised(matcher.group()));
                }
            }
        }
        boolean aboutAParcel = PARCEL_WORDS.matcher(text).find();
        boolean namesGls = GLS_WORD.matcher(text).find();
        Matcher digits = DIGITS.matcher(upper);
        while (digits.find()) {
            String number = digits.group();
            if (aboutAParcel && !afterAnotherKindOfNumber(upper, digits.start()) && digitsOnlyTracking(number, namesGls)) {
                byPosition.putIfAbsent(digits.start(), number);
            }
        }
        Set<String> excludedNormalised = new HashSet<>();
        for (String value : excluded) {
            if (value != null) {
                excludedNormalised.add(normalised(value));
            }
        }
        return new LinkedHashSet<>(byPosition.values()).stream()
                .filter(number -> !excludedNormalised.contains(number) && number.length() <= MAX_LENGTH).toList();
    }

    private static boolean digitsOnlyTracking(String number, boolean namesGls) {
        return switch (number.length()) {
            case 10 -> number.charAt(0) != '0' && dhlExpressCheck(number);
            case 11 -> namesGls;
            case 12 -> fedExExpressCheck(number) || namesGls;
            case 15 -> mod10Check(number);
            default -> false;
        };
    }

    private static boolean afterAnotherKindOfNumber(String text, int start) {
        String before = text.substring(Math.max(0, start - 30), start);
        return NOT_TRACKING_BEFORE.matcher(before).find();
    }

    private static String normalised(String number) {
        return number.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** DHL Express waybills: the tenth digit is the first nine, as a number, modulo 7. */
    static boolean dhlExpressCheck(String number) {
        return Long.parseLong(number.substring(0, 9)) % 7 == number.charAt(9) - '0';
    }

    /** FedEx Express (12 digits): weights 1, 3, 7 from the right of the first eleven, sum modulo 11, then modulo 10. */
    static boolean fedExExpressCheck(String number) {
        int[] weights = {1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (number.charAt(10 - i) - '0') * weights[i % 3];
        }
        return sum % 11 % 10 == number.charAt(11) - '0';
    }

    /** FedEx Ground (15 digits), GS1 style: weights 3 and 1 from the right of the first fourteen, modulo 10. */
    static boolean mod10Check(String number) {
        int sum = 0;
        int last = number.length() - 1;
        for (int i = 0; i < last; i++) {
            sum += (number.charAt(last - 1 - i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10 == number.charAt(last) - '0';
    }
}
