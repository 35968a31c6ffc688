package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.InvalidArgumentException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Builds the client's Apache HttpClient 5 transport: hosts, basic authentication, TLS and bounded timeouts. */
public final class Transports {
    private Transports() {
    }

    public static OpenSearchTransport of(Options o) {
        HttpHost[] hosts = new HttpHost[o.hosts().size()];
        for (int i = 0; i < hosts.length; i++) {
            URI u = URI.create(o.hosts().get(i));
            if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new InvalidArgumentException("hosts", "a host is an http or https URL such as "
                        + "http://localhost:9200, got " + o.hosts().get(i));
            }
            hosts[i] = new HttpHost(u.getScheme(), u.getHost(), u.getPort() < 0 ? 9200 : u.getPort());
        }
        ApacheHttpClient5TransportBuilder b = ApacheHttpClient5TransportBuilder.builder(hosts);
        b.setRequestConfigCallback(rc -> rc
                .setConnectionRequestTimeout(Timeout.of(o.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .setResponseTimeout(Timeout.of(o.timeout().toMillis(), TimeUnit.MILLISECONDS)));
        b.setHttpClientConfigCallback(http -> {
            PoolingAsyncClientConnectionManagerBuilder cm = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(o.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
                            .setSocketTimeout(Timeout.of(o.timeout().toMillis(), TimeUnit.MILLISECONDS)).build())
                    .setMaxConnPerRoute(32).setMaxConnTotal(64);
            if (o.sslContext() != null) {
                cm.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(o.sslContext()).buildAsync());
            }
            http.setConnectionManager(cm.build());
            if (o.user() != null && o.password() != null) {
                BasicCredentialsProvider creds = new BasicCredentialsProvider();
                for (HttpHost h : hosts) {
                    creds.setCredentials(new AuthScope(h), new UsernamePasswordCredentials(o.user(),
                            o.password().toCharArray()));
                }
                http.setDefaultCredentialsProvider(creds);
            }
            return http;
        });
        return b.build();
    }
}
