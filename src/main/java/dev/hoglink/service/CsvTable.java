package dev.hoglink.service;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.hoglink.util.PrintableText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every CSV file Hoglink writes, through Jackson's CSV module: a header row, comma-separated fields, CRLF line
 * ends, a field quoted only when it holds a comma, a quote or a line break (RFC 4180). Each cell is made safe
 * first: secrets redacted, control and bidirectional characters removed (line breaks and tabs stay), and a
 * cell a spreadsheet would read as a formula (starting with {@code = + - @}, a tab or a carriage return) is
 * prefixed with an apostrophe, as OWASP's "CSV Injection" page advises, so it shows as text.
 */
public final class CsvTable {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final AtomicLong NEUTRALISED = new AtomicLong();

    private final List<String> columns;
    private final List<String[]> rows = new ArrayList<>();

    public CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; it must have one value per column (null is written as an empty field). */
    public CsvTable row(List<String> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.size() + " values for " + columns.size() + " columns");
        }
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(values.get(i));
        }
        rows.add(cells);
        return this;
    }

    /** The table as CSV text. */
    public String write() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(c -> schema.addColumn(c, CsvSchema.ColumnType.STRING));
        StringWriter out = new StringWriter();
        try (SequenceWriter w = MAPPER.writerFor(String[].class).with(schema.build()).writeValues(out)) {
            for (String[] row : rows) {
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV", e);
        }
        return out.toString();
    }

    /** A cell as written: redacted, printable, and never read as a formula. */
    public static String cell(String value) {
        String v = PrintableText.multiLine(value == null ? "" : value);
        if (!v.isEmpty() && formulaStart(v.charAt(0))) {
            NEUTRALISED.incrementAndGet();
            return "'" + v;
        }
        return v;
    }

    private static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** How many cells this process has neutralised (the hardening run's table counts them). */
    public static long neutralisedCells() {
        return NEUTRALISED.get();
    }
}
