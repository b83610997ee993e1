package dev.tally.integrations.kubernetes;

import java.nio.file.Path;

/**
 * Where a cluster's credentials are, as registered in its {@code credentialsRef}: a kubeconfig file (and
 * optionally one of its contexts), the service account of the pod Tally runs in, a file holding a bearer token
 * for the cluster's API URL, or nothing at all (an API URL that needs no credentials, such as kubectl proxy).
 * Only a reference is stored, never a secret, so credentials can rotate without touching the event store.
 *
 * <p>{@code external} marks a cluster whose scrapes an external collector pushes: the built-in collector leaves it
 * alone rather than pull from it too (or warn that it cannot).
 */
sealed interface CredentialsRef {

    String EXTERNAL = "external";
    String FORMATS = "kubeconfig:/path[#context], in-cluster, token-file:/path or external";

    record None() implements CredentialsRef {
    }

    record Kubeconfig(Path file, String context) implements CredentialsRef {
    }

    record InCluster() implements CredentialsRef {
    }

    record TokenFile(Path file) implements CredentialsRef {
    }

    record External() implements CredentialsRef {
    }

    static boolean isExternal(String ref) {
        return EXTERNAL.equals(ref);
    }

    static CredentialsRef parse(String ref) {
        if (ref == null || ref.isBlank()) {
            return new None();
        }
        if (ref.equals("in-cluster")) {
            return new InCluster();
        }
        if (isExternal(ref)) {
            return new External();
        }
        if (ref.startsWith("kubeconfig:")) {
            String location = ref.substring("kubeconfig:".length());
            int hash = location.indexOf('#');
            String file = hash < 0 ? location : location.substring(0, hash);
            String context = hash < 0 || hash == location.length() - 1 ? null : location.substring(hash + 1);
            return new Kubeconfig(path(ref, file), context);
        }
        if (ref.startsWith("token-file:")) {
            return new TokenFile(path(ref, ref.substring("token-file:".length())));
        }
        throw new ClusterAccessException("credentialsRef \"" + ref + "\" is not one of " + FORMATS);
    }

    private static Path path(String ref, String file) {
        if (file.isBlank()) {
            throw new ClusterAccessException("credentialsRef \"" + ref + "\" names no file; expected " + FORMATS);
        }
        return Path.of(file);
    }
}
