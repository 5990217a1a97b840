package io.claimpilot.claimform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The customer form's texts, English here, French in {@code messages/cf_fr.properties}. A bundle of its own, apart from
 * the console's (see {@code console.IdentityMessages}). Templates use {@code {cf:key}}; Java uses
 * {@link CustomerFormPage#messages}.
 */
@MessageBundle(value = "cf", locale = "en")
public interface FormMessages {

    @Message("Report a problem with your order")
    String title();

    @Message("Order {orderId}")
    String order(String orderId);

    @Message("Version française")
    String otherLanguage();

    @Message("Which items are affected?")
    String itemsLegend();

    @Message("Choose how many of each item are affected; leave the others at 0.")
    String itemsHint();

    @Message("{name}: {ordered} ordered at {price} each. How many are affected?")
    String quantityOf(String name, int ordered, String price);

    @Message("What happened?")
    String reasonLegend();

    @Message("It arrived damaged")
    String reasonDamaged();

    @Message("I received the wrong item")
    String reasonWrongItem();

    @Message("It never arrived")
    String reasonNotReceived();

    @Message("Something else")
    String reasonOther();

    @Message("Proof")
    String proofLegend();

    @Message("Photos of the problem: required if it arrived damaged or you received the wrong item. Up to 5 images (JPEG, PNG or WebP), 10 MB each.")
    String photosLabel();

    @Message("I have checked: the parcel is not with a neighbour or at the pick-up point (required if it never arrived).")
    String notWithNeighbourLabel();

    @Message("Tell us in a few words (required for “Something else”)")
    String descriptionLabel();

    @Message("Send my claim")
    String submit();

    @Message("There is a problem")
    String errorSummary();

    @Message("Error:")
    String errorPrefix();

    @Message("Choose at least one item, and how many are affected.")
    String errItems();

    @Message("Choose a number between 0 and {max}.")
    String errQuantity(int max);

    @Message("Choose what happened.")
    String errReason();

    @Message("Add at least one photo of the problem.")
    String errPhotoRequired();

    @Message("Add at most {max} photos.")
    String errPhotoCount(int max);

    @Message("Each photo may be at most 10 MB.")
    String errPhotoSize();

    @Message("Send photos as JPEG, PNG or WebP images (on an iPhone: Settings › Camera › Formats › Most Compatible).")
    String errPhotoType();

    @Message("Please confirm that the parcel is not with a neighbour or at the pick-up point.")
    String errNotWithNeighbour();

    @Message("Tell us what happened, in at most 1,000 characters.")
    String errDescription();

    @Message("Your description contains characters we cannot keep. Please type it again.")
    String errDescriptionCharacters();

    @Message("The form has expired in this browser: please check your answers and send it again.")
    String errCsrf();

    @Message("We could not take your claim online. Please contact the shop, who will sort it out with you.")
    String errNotTaken();

    @Message("Thank you, we have your claim")
    String doneTitle();

    @Message("Your refund of {amount} is on its way.")
    String doneRefund(String amount);

    @Message("Your items are being sent again: you will receive the tracking number by e-mail.")
    String doneReship();

    @Message("Your replacement is on its way: you will receive the tracking number by e-mail.")
    String doneExchange();

    @Message("We've asked a person to look at it; you'll hear from us within {hours} h.")
    String doneReview(long hours);

    @Message("We need a photo to sort this out.")
    String donePhoto();

    @Message("Send the photo")
    String donePhotoLink();

    @Message("We cannot accept this claim. You will receive a message explaining why.")
    String doneDeny();

    @Message("We have your claim and will write to you by e-mail.")
    String doneReceived();

    @Message("Your claim reference: {id}")
    String reference(String id);

    @Message("This link has already been used to send a claim. Here is where it stands.")
    String alreadyUsed();

    @Message("This link cannot be used")
    String invalidTitle();

    @Message("This link has expired. Please ask the shop for a new one.")
    String invalidExpired();

    @Message("This link is not valid. Check that you copied the whole address, or ask the shop for a new link.")
    String invalidForged();

    @Message("Send a photo for your claim")
    String evidenceTitle();

    @Message("One picture of the whole item and a close-up of the problem is perfect. Up to 5 images (JPEG, PNG or WebP), 10 MB each.")
    String evidenceIntro();

    @Message("Photos")
    String evidenceLabel();

    @Message("Send the photos")
    String evidenceSubmit();

    @Message("Thank you, we have your photos. We will get back to you shortly.")
    String evidenceDone();

    @Message("Please wait a moment")
    String tooManyTitle();

    @Message("Too many attempts from your connection. Please try again in {minutes} minutes.")
    String tooMany(long minutes);
}
