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
    }
}
