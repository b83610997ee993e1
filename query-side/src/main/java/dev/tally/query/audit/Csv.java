package dev.tally.query.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** CSV as RFC 4180 writes it: comma-separated, CRLF-terminated, a field quoted when it holds a comma, quote or line break. */
public final class Csv {

    private Csv() {
    }

    /** One field, quoted (its quotes doubled) when it must be; null is the empty field. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** One record, with its line break. */
    public static void writeRow(Writer out, List<?> fields) throws IOException {
        for (int index = 0; index < fields.size(); index++) {
            if (index > 0) {
                out.write(',');
            }
            out.write(field(fields.get(index)));
        }
        out.write("\r\n");
    }
}
