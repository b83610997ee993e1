package dev.tally.query.audit;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(Csv.field("GRANT_PURCHASE")).isEqualTo("GRANT_PURCHASE");
        assertThat(Csv.field("-12.500000000000")).isEqualTo("-12.500000000000");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled() {
        assertThat(Csv.field("cpu 0.05/core-hour; memory 0.005/gb-hour")).isEqualTo(
                "cpu 0.05/core-hour; memory 0.005/gb-hour");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void aRowEndsWithCrLfAndAnEmptyFieldStaysInItsPlace() throws Exception {
        StringWriter out = new StringWriter();
        Csv.writeRow(out, Arrays.asList("e1", null, 3, "x,y"));
        assertThat(out.toString()).isEqualTo("e1,,3,\"x,y\"\r\n");
    }
}
