package io.claimpilot.common;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bodies sent without a Content-Length (chunked) are counted as they are read: past 1 MiB the request is refused
 * with the same problem as {@link RequestSizeFilter}, before anything is stored.
 */
@Provider
public class RequestSizeLimit implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        boolean upload = context.getMediaType() != null && "multipart".equals(context.getMediaType().getType());
        if (!upload) {
            context.setInputStream(new Bounded(context.getInputStream()));
        }
        return context.proceed();
    }

    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > RequestSizeFilter.MAX_BODY_BYTES) {
                throw ApiProblem.invalidField("body", "is larger than the 1 MiB limit (" + RequestSizeFilter.MAX_BODY_BYTES + " bytes)");
            }
        }
    }
}
