package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what went wrong talking to a cluster into one short line for an operator. fabric8 wraps the cause a few
 * levels deep, and its own message carries the whole request; the cause, or the API server's status, says more.
 */
final class ConnectionErrors {

    private static final int MAX_DETAIL = 300;

    private ConnectionErrors() {
    }

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ClusterAccessException access -> {
                    return access.getMessage();
                }
                case KubernetesClientException http when http.getCode() > 0 -> {
                    return httpProblem(http);
                }
                case UnknownHostException unknown -> {
                    return "unknown host " + unknown.getMessage();
                }
                case ConnectException refused -> {
                    return "could not connect: " + detail(refused);
                }
                case SSLException tls -> {
                    return "TLS handshake failed: " + detail(tls);
                }
                case SocketTimeoutException timeout -> {
                    return "timed out";
                }
                case HttpTimeoutException timeout -> {
                    return "timed out";
                }
                case TimeoutException timeout -> {
                    return "timed out";
                }
                default -> {
                }
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return detail(root);
    }

    private static String httpProblem(KubernetesClientException e) {
        String what = switch (e.getCode()) {
            case 401 -> "the API server rejected the credentials";
            case 403 -> "the credentials are not allowed to read this";
            case 404 -> "not found";
            default -> "the API server answered with an error";
        };
        String status = e.getStatus() == null ? null : e.getStatus().getMessage();
        String detail = status == null || status.isBlank() ? "" : ": " + shorten(status);
        return what + " (HTTP " + e.getCode() + ")" + detail;
    }

    private static String detail(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : shorten(message);
    }

    private static String shorten(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }
}
