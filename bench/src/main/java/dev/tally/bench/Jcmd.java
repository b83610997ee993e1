package dev.tally.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Diagnostic commands to the engine's JVM (BENCH_ENGINE_PID: same machine and user), through this JDK's jcmd. */
final class Jcmd {

    private Jcmd() {
    }

    /** Runs {@code command} in the JVM {@code pid} and returns what it printed; fails when jcmd does. */
    static String run(String pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed (is BENCH_ENGINE_PID the "
                    + "engine?): " + output);
        }
        return output;
    }
}
