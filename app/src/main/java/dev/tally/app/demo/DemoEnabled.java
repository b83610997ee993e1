package dev.tally.app.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** TALLY_DEMO when set; otherwise on exactly when the engine runs on its embedded database. */
class DemoEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String demo = context.getEnvironment().getProperty("tally.demo", "");
        if (!demo.isBlank()) {
            return Boolean.parseBoolean(demo.strip());
        }
        return context.getEnvironment().getProperty("tally.database.url", "").isBlank();
    }
}
