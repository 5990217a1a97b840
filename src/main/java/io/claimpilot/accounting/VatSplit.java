package io.claimpilot.accounting;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Splits a refunded amount into a credit note's lines and its VAT per rate.
 *
 * <p>The lines are what the claim names: each item (quantity × unit price, at the item's rate) and the shipping (at its
 * rate; without one, over the goods' rates in proportion to the goods' value before tax, as French VAT treats
 * ancillary costs). Tax-excluded prices are first turned into amounts including tax. The refund is shared across the
 * lines in proportion to their amounts including tax, so a full refund gives each line its own amount.
 *
 * <p>Rounding, to the currency's minor unit: each line's share is rounded half up and the difference goes on the
 * largest line, so the lines add up to the refund exactly. The VAT is computed per rate, on the rate's total
 * (gross × rate / (100 + rate), rounded half up: the tax is what French invoicing rounds, per rate), then shared
 * across that rate's lines the same way; net = gross − VAT everywhere, so net + VAT = gross on every line, every rate
 * and in total.
 */
@ApplicationScoped
public class VatSplit {

    /** The description of a shipping line; the credit note's document translates it. */
    public static final String SHIPPING = "Shipping";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Scale of the intermediate weights (never money): far below any currency's minor unit. */
    private static final int WEIGHT_SCALE = 20;

    @Inject
    AccountingSettings settings;

    public CreditNoteAmounts split(Claim claim, Money refund) {
        // Claims taken before the rate was kept on the claim fall back to today's setting.
        return split(claim, refund, claim.defaultTaxRate != null ? claim.defaultTaxRate : settings.defaultTaxRate());
    }

    /** The split, given the default rate of the claim (the rate of a claim that names no items). */
    public static CreditNoteAmounts split(Claim claim, Money refund, BigDecimal defaultRate) {
        int digits = Math.max(0, Currency.getInstance(refund.currency()).getDefaultFractionDigits());
        BigDecimal refunded = refund.amount().setScale(digits, RoundingMode.UNNECESSARY);
        if (refunded.signum() <= 0) {
            throw new IllegalArgumentException("A credit note documents a positive refund, not " + refund);
        }
        List<SaleLine> sale = saleLines(claim, defaultRate);
        if (sale.stream().allMatch(line -> line.gross().signum() == 0)) {
            // Nothing to weigh by (no items, or only free ones): the whole refund at the claim's rate.
            sale = List.of(new SaleLine(orderDescription(claim), normalised(defaultRate), BigDecimal.ONE));
        }
        List<BigDecimal> shares = apportion(refunded, sale.stream().map(SaleLine::gross).toList(), digits);

        // Per rate: the rate's gross, its VAT rounded once on that total, then shared over the rate's lines.
        Map<BigDecimal, List<Integer>> linesByRate = new TreeMap<>();
        for (int i = 0; i < sale.size(); i++) {
            if (shares.get(i).signum() > 0) {
                linesByRate.computeIfAbsent(sale.get(i).rate(), rate -> new ArrayList<>()).add(i);
            }
        }
        BigDecimal[] lineVat = new BigDecimal[sale.size()];
        List<VatByRate> vatByRate = new ArrayList<>();
        BigDecimal totalNet = BigDecimal.ZERO.setScale(digits);
        BigDecimal totalVat = BigDecimal.ZERO.setScale(digits);
        for (Map.Entry<BigDecimal, List<Integer>> rate : linesByRate.entrySet()) {
            List<BigDecimal> grossOfLines = rate.getValue().stream().map(shares::get).toList();
            BigDecimal gross = grossOfLines.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal vat = gross.multiply(rate.getKey()).divide(HUNDRED.add(rate.getKey()), digits, RoundingMode.HALF_UP);
            List<BigDecimal> vatOfLines = vat.signum() == 0
                    ? grossOfLines.stream().map(g -> BigDecimal.ZERO.setScale(digits)).toList()
                    : apportion(vat, grossOfLines, digits);
            for (int k = 0; k < rate.getValue().size(); k++) {
                lineVat[rate.getValue().get(k)] = vatOfLines.get(k);
            }
            vatByRate.add(new VatByRate(rate.getKey(), gross.subtract(vat), vat));
            totalNet = totalNet.add(gross.subtract(vat));
            totalVat = totalVat.add(vat);
        }
        List<CreditNoteLine> lines = new ArrayList<>();
        for (int i = 0; i < sale.size(); i++) {
            BigDecimal gross = shares.get(i);
            if (gross.signum() > 0) {
                lines.add(new CreditNoteLine(sale.get(i).description(), gross.subtract(lineVat[i]), lineVat[i], gross,
                        sale.get(i).rate()));
            }
        }
        return new CreditNoteAmounts(refund.currency(), List.copyOf(lines), List.copyOf(vatByRate), totalNet, totalVat, refunded);
    }

    /** A line of the sale: what it is, its rate, and its amount including tax (unrounded: a weight, not money). */
    private record SaleLine(String description, BigDecimal rate, BigDecimal gross) {
    }

    private static List<SaleLine> saleLines(Claim claim, BigDecimal defaultRate) {
        List<SaleLine> goods = new ArrayList<>();
        for (ClaimItem item : claim.items == null ? List.<ClaimItem>of() : claim.items) {
            BigDecimal rate = normalised(item.taxRate() != null ? item.taxRate() : defaultRate);
            BigDecimal amount = item.unitPrice().amount().multiply(BigDecimal.valueOf(item.quantity()));
            goods.add(new SaleLine(item.sku() + " × " + item.quantity(), rate, includingTax(amount, rate, claim.taxIncluded)));
        }
        List<SaleLine> shipping = shippingLines(claim, goods, defaultRate);
        List<SaleLine> lines = new ArrayList<>(goods);
        if (goods.isEmpty()) {
            // The claim names no goods: they are what the claimed amount (including tax) holds beyond the shipping.
            BigDecimal shippingGross = shipping.stream().map(SaleLine::gross).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rest = claim.amount == null ? BigDecimal.ZERO : claim.amount.subtract(shippingGross);
            if (rest.signum() > 0) {
                lines.add(new SaleLine(orderDescription(claim), normalised(defaultRate), rest));
            }
        }
        lines.addAll(shipping);
        return lines;
    }

    /**
     * Shipping at its own rate; without one, at the goods' rate, or over the goods' rates in proportion to the goods'
     * value before tax when they are mixed; without goods, at the claim's default rate.
     */
    private static List<SaleLine> shippingLines(Claim claim, List<SaleLine> goods, BigDecimal defaultRate) {
        if (claim.shippingAmount == null || claim.shippingAmount.signum() == 0) {
            return List.of();
        }
        BigDecimal amount = claim.shippingAmount;
        if (claim.shippingTaxRate != null || goods.isEmpty()) {
            BigDecimal rate = normalised(claim.shippingTaxRate != null ? claim.shippingTaxRate : defaultRate);
            return List.of(new SaleLine(SHIPPING, rate, includingTax(amount, rate, claim.taxIncluded)));
        }
        Map<BigDecimal, BigDecimal> valueByRate = new TreeMap<>();
        for (SaleLine line : goods) {
            valueByRate.merge(line.rate(), beforeTax(line.gross(), line.rate()), BigDecimal::add);
        }
        BigDecimal value = valueByRate.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (value.signum() == 0) {
            BigDecimal rate = normalised(defaultRate);
            return List.of(new SaleLine(SHIPPING, rate, includingTax(amount, rate, claim.taxIncluded)));
        }
        List<SaleLine> lines = new ArrayList<>();
        valueByRate.forEach((rate, rateValue) -> {
            BigDecimal part = amount.multiply(rateValue).divide(value, WEIGHT_SCALE, RoundingMode.HALF_EVEN);
            if (part.signum() > 0) {
                lines.add(new SaleLine(SHIPPING, rate, includingTax(part, rate, claim.taxIncluded)));
            }
        });
        return lines;
    }

    /**
     * Shares {@code total} over the weights: each share rounded half up to the minor unit, the largest weight taking
     * what is left so the shares add up to {@code total} exactly. When that would leave it negative (a few minor units
     * over many lines), the other shares are rounded down instead, which never can.
     */
    static List<BigDecimal> apportion(BigDecimal total, List<BigDecimal> weights, int digits) {
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        int largest = IntStream.range(0, weights.size()).boxed()
                .max(Comparator.comparing(weights::get).thenComparing(Comparator.reverseOrder())).orElseThrow();
        for (RoundingMode mode : List.of(RoundingMode.HALF_UP, RoundingMode.DOWN)) {
            BigDecimal[] shares = new BigDecimal[weights.size()];
            BigDecimal others = BigDecimal.ZERO;
            for (int i = 0; i < weights.size(); i++) {
                if (i != largest) {
                    shares[i] = total.multiply(weights.get(i)).divide(sum, digits, mode);
                    others = others.add(shares[i]);
                }
            }
            shares[largest] = total.subtract(others).setScale(digits, RoundingMode.UNNECESSARY);
            if (shares[largest].signum() >= 0) {
                return List.of(shares);
            }
        }
        throw new IllegalStateException("unreachable: rounded-down shares never exceed the total");
    }

    private static BigDecimal includingTax(BigDecimal amount, BigDecimal rate, boolean taxIncluded) {
        return taxIncluded ? amount : amount.multiply(HUNDRED.add(rate)).divide(HUNDRED);
    }

    private static BigDecimal beforeTax(BigDecimal gross, BigDecimal rate) {
        return gross.multiply(HUNDRED).divide(HUNDRED.add(rate), WEIGHT_SCALE, RoundingMode.HALF_EVEN);
    }

    private static String orderDescription(Claim claim) {
        return "Order " + claim.orderId;
    }

    /** A rate written as the API writes it: 20 and 20.00 are 20.0; 5.5 stays 5.5. */
    public static BigDecimal normalised(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}
