using HepBot.Core.Clinics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Accounts;

/// <summary>
/// A therapist's web sign-in (ASP.NET Core Identity): password hash, lockout, security stamp. Its id is
/// the therapist's id, so a signed-in account is the therapist without a second lookup key.
/// </summary>
public sealed class TherapistAccount : IdentityUser<Guid>
{
    public Therapist? Therapist { get; set; }
}

internal sealed class TherapistAccountConfiguration : IEntityTypeConfiguration<TherapistAccount>
{
    public void Configure(EntityTypeBuilder<TherapistAccount> b)
    {
        b.ToTable("TherapistAccounts");
        b.HasOne(a => a.Therapist).WithOne().HasForeignKey<TherapistAccount>(a => a.Id).OnDelete(DeleteBehavior.Cascade);
        // The account tables were made with Identity's first schema. Version 3 (IdentitySchema) adds the passkeys
        // table, and would also narrow these columns, which SQL Server cannot alter inside a primary key: they keep
        // their first shape (HepBot has no external logins, and its tokens' names are short).
        b.Property(a => a.PhoneNumber).Metadata.SetMaxLength(null);
    }
}

internal sealed class TherapistLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b)
    {
        b.Property(l => l.LoginProvider).Metadata.SetMaxLength(null);
        b.Property(l => l.ProviderKey).Metadata.SetMaxLength(null);
    }
}

internal sealed class TherapistTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b)
    {
        b.Property(t => t.LoginProvider).Metadata.SetMaxLength(null);
        b.Property(t => t.Name).Metadata.SetMaxLength(null);
    }
}
