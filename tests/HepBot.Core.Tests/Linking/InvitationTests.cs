using System.Globalization;
using HepBot.Core.Linking;

namespace HepBot.Core.Tests.Linking;

public class InvitationTests
{
    [Fact]
    public void New_codes_use_the_unambiguous_alphabet_and_fit_a_deep_link()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => InvitationCode.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{8}$", c));
        Assert.True(codes.Distinct().Count() > 195);
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData(" ab cd ef gh ", "ABCDEFGH")]
    [InlineData("ABCDEFG", null)]      // too short
    [InlineData("ABCDEFG0", null)]     // 0 is never used
    [InlineData("hello there", null)]
    [InlineData(null, null)]
    public void Typed_codes_are_normalised_or_rejected(string? typed, string? expected) =>
        Assert.Equal(expected, InvitationCode.Normalize(typed));

    [Fact]
    public void State_reflects_revocation_redemption_and_expiry()
    {
        var now = DateTimeOffset.Parse("2026-11-30T10:00:00Z", CultureInfo.InvariantCulture);
        var invitation = new Invitation { Code = "ABCDEFGH", ExpiresAt = now.AddDays(7) };

        Assert.Equal(InvitationState.Open, invitation.StateAt(now));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(now.AddDays(7)));
        invitation.RedeemedAt = now;
        Assert.Equal(InvitationState.Redeemed, invitation.StateAt(now));
        invitation.RevokedAt = now;
        Assert.Equal(InvitationState.Revoked, invitation.StateAt(now));
    }
}
