package dev.tally.app;

import dev.tally.app.database.DatabaseServer;
import dev.tally.app.security.AdminApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One log line that tells a newcomer where the engine listens, where its data is, and where the admin key is. */
@Component
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final DatabaseServer database;
    private final AdminApiKey adminKey;

    StartupLog(DatabaseServer database, AdminApiKey adminKey) {
        this.database = database;
        this.adminKey = adminKey;
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        log.info("Tally is listening on http://localhost:{}/api/v1 ({}); admin API key: {}",
                event.getWebServer().getPort(), database.describe(), adminKey.source());
    }
}
