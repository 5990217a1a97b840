package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about adding evidence (photo files and links) on the claim page, English here, French in
 * {@code messages/pht_fr.properties}. A bundle of its own, as {@link IdentityMessages} explains. Templates use
 * {@code {pht:key}}.
 */
@MessageBundle(value = "pht", locale = "en")
public interface PhotoMessages {

    @Message("Add a photo")
    String addPhoto();

    @Message("Photo file (JPEG, PNG, WebP or HEIC; its location and other metadata are removed)")
    String photoFile();

    @Message("Upload the photo")
    String uploadPhoto();

    @Message("Or a link to a photo (https://…)")
    String photoLink();

    @Message("Add the link")
    String addPhotoLink();

    @Message("Evidence added.")
    String evidenceAdded();
}
