package dev.lorahub.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the web pages in English; the Chinese ones are in messages/msg_zh_CN.properties. */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Lorahub")
    String title();

    @Message("LoRA models stored in this hub")
    String subtitle();

    @Message("Search names, trigger words and tags")
    String searchPlaceholder();

    @Message("Search")
    String search();

    @Message("Name")
    String name();

    @Message("Type")
    String type();

    @Message("Base model")
    String baseModel();

    @Message("Trigger words")
    String triggerWords();

    @Message("Download")
    String download();

    @Message("No models yet. Upload one with POST /api/v1/models.")
    String empty();

    @Message("API documentation")
    String apiDocs();

    @Message("Log in")
    String login();

    @Message("Sign up")
    String signup();

    @Message("Log out")
    String logout();

    @Message("Account")
    String account();

    @Message("Logged in as {username}")
    String loggedInAs(String username);

    @Message("Username")
    String username();

    @Message("Password")
    String password();

    @Message("Repeat the password")
    String repeatPassword();

    @Message("No account yet?")
    String noAccountYet();

    @Message("Already have an account?")
    String haveAccount();

    @Message("Create an account")
    String createAccount();

    @Message("2 to 39 letters, digits, dots, dashes or underscores, starting with a letter or digit.")
    String usernameRules();

    @Message("At least 8 characters.")
    String passwordRules();

    @Message("Sign-up is switched off")
    String signupDisabled();

    @Message("Enter a username.")
    String usernameMissing();

    @Message("Log in with OpenID Connect")
    String oidcLogin();

    @Message("The OpenID Connect login did not finish: the provider returned the error {code}."
            + " Try again, or log in with a username and password.")
    String oidcLoginFailed(String code);

    @Message("The two passwords differ. Type the same password twice.")
    String passwordsDiffer();

    @Message("Form expired")
    String csrfRejectedHeading();

    @Message("The form was sent without its security token or with an outdated one, so nothing was changed."
            + " Reload the page and send the form again.")
    String csrfRejected();

    @Message("Request failed")
    String requestFailed();

    @Message("Back to the front page")
    String backHome();

    @Message("Role")
    String role();

    @Message("admin")
    String roleAdmin();

    @Message("user")
    String roleUser();

    @Message("API tokens")
    String tokens();

    @Message("Scripts and the CLI send a token in the request header Authorization: Bearer <token>.")
    String tokensHelp();

    @Message("Scope")
    String scope();

    @Message("Starts with")
    String prefix();

    @Message("Created")
    String created();

    @Message("Last used")
    String lastUsed();

    @Message("Revoked")
    String revoked();

    @Message("never")
    String never();

    @Message("active")
    String active();

    @Message("Revoke")
    String revoke();

    @Message("No API tokens yet.")
    String noTokens();

    @Message("Make a token")
    String makeToken();

    @Message("read: list and download what this account can see")
    String scopeRead();

    @Message("write: also upload, edit and delete")
    String scopeWrite();

    @Message("Your new API token")
    String newTokenHeading();

    @Message("Copy the token now. This page is the only place it is shown, because the hub stores only its hash.")
    String newTokenHelp();

    @Message("Back to the account")
    String backToAccount();

    @Message("Change password")
    String changePassword();

    @Message("This account still has its generated first password. Choose a new password before doing anything else.")
    String passwordChangeRequired();

    @Message("Current password")
    String currentPassword();

    @Message("New password")
    String newPassword();

    @Message("Repeat the new password")
    String repeatNewPassword();

    @Message("This account logs in through OpenID Connect and has no password, so there is none to change here."
            + " Change the password at the provider.")
    String passwordNotSet();

    @Message("Changing the password logs out every other browser of this account.")
    String passwordChangeEffect();
}
