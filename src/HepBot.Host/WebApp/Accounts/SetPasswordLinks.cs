using HepBot.Core.Clinics;
using HepBot.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Accounts;

/// <summary>
/// One-time links to choose a password: the first for a new therapist, or a new one after a lost password.
/// A link is an Identity password-reset token; setting the password renews the account's security stamp,
/// which makes the link (and any older one) unusable.
/// </summary>
internal sealed class SetPasswordLinks(UserManager<TherapistAccount> users, IOptions<WebAppOptions> options)
{
    public const string Path = "app/set-password";

    /// <summary>Creates the therapist's sign-in when missing, voids earlier links, and returns a new link.</summary>
    public async Task<Uri> CreateAsync(Therapist therapist, Uri? baseAddress = null)
    {
        var account = await EnsureAccountAsync(therapist);
        await users.UpdateSecurityStampAsync(account);
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var query = $"?account={account.Id}&token={Uri.EscapeDataString(token)}";
        return new Uri(baseAddress ?? options.Value.PublicBase, Path + query);
    }

    /// <summary>The therapist's sign-in: same id as the therapist, the e-mail as user name, no password until one is set.</summary>
    public async Task<TherapistAccount> EnsureAccountAsync(Therapist therapist)
    {
        var account = await users.FindByIdAsync(therapist.Id.ToString());
        if (account is not null)
            return account;
        account = new TherapistAccount { Id = therapist.Id, UserName = therapist.Email, Email = therapist.Email, EmailConfirmed = true };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
            throw new InvalidOperationException($"The sign-in for therapist {therapist.Id} could not be created: {string.Join(" ", created.Errors.Select(e => e.Code))}");
        return account;
    }
}
