package dev.tally.app.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers when there is nothing to recompute: a bad command or an unreadable export. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void onlyAuditArgumentsAreAnAuditCommand() {
        assertThat(AuditCommand.isAuditCommand(new String[]{"audit", "recompute"})).isTrue();
        assertThat(AuditCommand.isAuditCommand(new String[]{})).isFalse();
        assertThat(AuditCommand.isAuditCommand(new String[]{"--server.port=8080"})).isFalse();
    }

    @Test
    void aBadCommandPrintsTheUsageAndExits2() {
        assertThat(run("audit", "recompute", "ledger.json")).isEqualTo(2);
        assertThat(run("audit", "verify", "--export", "ledger.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar tally.jar audit recompute");
    }

    @Test
    void aMissingOrUnreadableExportExits2() throws Exception {
        assertThat(run("audit", "recompute", "--export", dir.resolve("none.json").toString())).isEqualTo(2);
        Path notAnExport = Files.writeString(dir.resolve("ledger.json"), "{\"hello\":");
        assertThat(run("audit", "recompute", "--export", notAnExport.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read", "cannot be recomputed");
        assertThat(out.size()).isZero();
    }

    private int run(String... args) {
        return AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
