package dev.tally.app.audit;

import dev.tally.query.audit.offline.LedgerRecomputation;
import dev.tally.query.audit.offline.Recomputation;
import dev.tally.query.audit.offline.UnreadableExport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tally audit recompute --export ledger.json}: recomputes balances, charges, invoices and the hash chain from
 * a ledger export, without Spring or a database, and prints the figures and every difference. Exits 0 when the
 * export's figures are all what recomputing gives, 1 when some are not, 2 on a bad command or an unreadable export.
 */
public final class AuditCommand {

    public static final int MATCHES = 0;
    public static final int DIFFERS = 1;
    public static final int UNUSABLE = 2;
    private static final String USAGE = "usage: java -jar tally.jar audit recompute --export <ledger.json>";

    private AuditCommand() {
    }

    /** Whether {@code args} ask for an audit command rather than the engine. */
    public static boolean isAuditCommand(String[] args) {
        return args.length > 0 && args[0].equals("audit");
    }

    /** Runs the audit command {@code args} and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        if (arguments.size() != 4 || !arguments.get(1).equals("recompute") || !arguments.get(2).equals("--export")) {
            err.println(USAGE);
            return UNUSABLE;
        }
        Path export = Path.of(arguments.get(3));
        Recomputation recomputation;
        try {
            recomputation = LedgerRecomputation.recompute(export);
        } catch (IOException e) {
            err.println("cannot read " + export + ": " + e.getMessage());
            return UNUSABLE;
        } catch (UnreadableExport e) {
            err.println(export + " cannot be recomputed: " + e.getMessage());
            return UNUSABLE;
        }
        recomputation.write(out);
        out.flush();
        return recomputation.matches() ? MATCHES : DIFFERS;
    }
}
