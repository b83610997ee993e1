package dev.tally.app;

import dev.tally.app.audit.AuditCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tally engine: command side, projections and query side in one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "dev.tally")
@ConfigurationPropertiesScan("dev.tally")
public class TallyApplication {

    public static void main(String[] args) {
        if (AuditCommand.isAuditCommand(args)) {
            System.exit(AuditCommand.run(args, System.out, System.err));
        }
        // Axon advertises its console on start unless told not to; there is nothing to connect to.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(TallyApplication.class, args);
    }
}
