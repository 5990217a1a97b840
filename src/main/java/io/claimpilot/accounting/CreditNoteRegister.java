package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** The issued credit notes, read: a period's notes in number order, and one note by its number. */
@ApplicationScoped
public class CreditNoteRegister {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /**
     * What a number can look like (a prefix, the year, the sequence): letters, digits, '-' and '_' only, so a path
     * parameter never carries a dot, a slash or a quote to the query or the file name.
     */
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** One page of a period's notes, with what a client needs to ask for the next one. */
    public record CreditNoteList(Instant from, Instant to, List<CreditNoteView> items, int page, int size, long total) {
    }

    @Transactional
    public CreditNoteList list(CreditNotePeriod period, int page, int size) {
        PanacheQuery<CreditNote> query = CreditNote.find("issuedAt >= ?1 and issuedAt < ?2",
                Sort.by("prefix").and("year").and("sequenceNumber"), period.from(), period.to());
        List<CreditNoteView> items = query.page(page, size).list().stream().map(CreditNoteView::of).toList();
        return new CreditNoteList(period.from(), period.to(), items, page, size, query.count());
    }

    /** The note with this number; 400 for something that cannot be a number, 404 for an unknown one. */
    @Transactional
    public CreditNote find(String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw ApiProblem.invalidField("number", "must be a credit note number such as AV-2026-000001");
        }
        CreditNote note = CreditNote.findById(number);
        if (note == null) {
            throw ApiProblem.notFound("Credit note " + number);
        }
        return note;
    }

    public static int page(String value) {
        int page = integer("page", value, 0);
        if (page < 0) {
            throw ApiProblem.invalidField("page", "must be 0 or more");
        }
        return page;
    }

    public static int size(String value) {
        int size = integer("size", value, DEFAULT_SIZE);
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
        return size;
    }

    private static int integer(String field, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "must be a whole number");
        }
    }
}
