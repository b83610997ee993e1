package dev.tally.query.audit;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.Ids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * An account's ledger, or every account's, exported from the event store for an auditor: {@code ledger.json} with
 * every ledger event (what the offline recomputation reads) and {@code ledger.csv} with a row per posting. Both are
 * written to the response as the cursor reads them, on the request's own thread, so an export of any length neither
 * fills memory nor runs into the timeout of an asynchronous response.
 */
@RestController
public class LedgerExportController {

    private static final String CSV = "text/csv;charset=UTF-8";
    private static final String JSON = "application/json";

    private final LedgerExports exports;
    private final Clock clock;

    public LedgerExportController(LedgerExports exports, Clock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/api/v1/audit/accounts/{accountId}/ledger.json")
    public void accountJson(@PathVariable String accountId, HttpServletResponse response) throws IOException {
        AccountId account = requireLedger(accountId);
        json(response, "ledger-" + accountId + ".json", accountId, sink -> exports.ofAccount(account, sink));
    }

    @GetMapping("/api/v1/audit/accounts/{accountId}/ledger.csv")
    public void accountCsv(@PathVariable String accountId, HttpServletResponse response) throws IOException {
        AccountId account = requireLedger(accountId);
        csv(response, "ledger-" + accountId + ".csv", sink -> exports.ofAccount(account, sink));
    }

    @GetMapping("/api/v1/audit/ledger.json")
    public void allJson(HttpServletResponse response) throws IOException {
        json(response, "ledger.json", null, exports::ofAllAccounts);
    }

    @GetMapping("/api/v1/audit/ledger.csv")
    public void allCsv(HttpServletResponse response) throws IOException {
        csv(response, "ledger.csv", exports::ofAllAccounts);
    }

    private AccountId requireLedger(String accountId) {
        if (!Ids.isValid(accountId) || !exports.hasLedger(AccountId.of(accountId))) {
            throw DomainException.notFound("no account " + accountId);
        }
        return AccountId.of(accountId);
    }

    private void json(HttpServletResponse response, String filename, String accountId,
                      Consumer<Consumer<ExportedEvent>> events) throws IOException {
        start(response, JSON, filename);
        LedgerJsonWriter writer = new LedgerJsonWriter(response.getOutputStream(), clock.instant(), accountId);
        events.accept(writer::write);
        writer.finish();
    }

    private void csv(HttpServletResponse response, String filename, Consumer<Consumer<ExportedEvent>> events)
            throws IOException {
        start(response, CSV, filename);
        LedgerCsvWriter writer = new LedgerCsvWriter(response.getOutputStream());
        events.accept(writer::write);
        writer.finish();
    }

    private static void start(HttpServletResponse response, String contentType, String filename) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }
}
