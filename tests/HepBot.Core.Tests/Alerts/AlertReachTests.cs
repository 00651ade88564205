using HepBot.Core.Alerts;

namespace HepBot.Core.Tests.Alerts;

public sealed class AlertReachTests
{
    [Theory]
    [InlineData(AlertDeliveryState.Delivered, AlertDeliveryState.Undeliverable, AlertReach.Delivered)]
    [InlineData(AlertDeliveryState.NotNeeded, AlertDeliveryState.Delivered, AlertReach.Delivered)]
    [InlineData(AlertDeliveryState.Pending, AlertDeliveryState.NotNeeded, AlertReach.Pending)]
    [InlineData(AlertDeliveryState.Undeliverable, AlertDeliveryState.Pending, AlertReach.Pending)]
    [InlineData(AlertDeliveryState.Undeliverable, AlertDeliveryState.NotNeeded, AlertReach.NotDelivered)]
    [InlineData(AlertDeliveryState.Undeliverable, AlertDeliveryState.Undeliverable, AlertReach.NotDelivered)]
    public void An_alert_reached_the_therapist_when_one_destination_got_it(AlertDeliveryState chat, AlertDeliveryState email, AlertReach expected) =>
        Assert.Equal(expected, AlertReaches.Of([chat, email]));
}
