package io.claimpilot.photo;

import jakarta.ws.rs.core.Response;

/**
 * How a stored photo goes out, from the API and the console alike: with the type its content was recognised as,
 * never sniffed into anything else ({@code nosniff}), shown rather than downloaded, named by its id only (never by
 * a name a sender chose), cached by nobody but the signed-in browser, and sandboxed should a browser open it as a page.
 */
public final class PhotoResponses {

    private PhotoResponses() {
    }

    public static Response inline(ClaimPhotos.Content photo) {
        return Response.ok(photo.bytes(), photo.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, max-age=3600")
                .header("ETag", "\"" + photo.sha256() + "\"")
                .build();
    }
}
