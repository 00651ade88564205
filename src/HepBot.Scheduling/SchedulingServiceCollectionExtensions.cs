using HepBot.Conversations;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Data.Telemetry;
using HepBot.Scheduling.Adherence;
using HepBot.Scheduling.Alerts;
using HepBot.Scheduling.CheckIns;
using HepBot.Scheduling.Outbound;
using HepBot.Scheduling.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz on a persistent store in the HepBot database (its QRTZ_ tables are created when missing),
    /// clustered on PostgreSQL and SQL Server, with the reminder, nudge, nightly adherence, alert
    /// delivery and weekly check-in jobs; <c>Scheduling:*</c>, <c>Reminders:*</c>, <c>AlertRules:*</c> and <c>Smtp:*</c>
    /// validated at start-up; and the outbound queue's sender on every host (<c>Outbound:*</c>). Needs an <see cref="IChatNotifier"/> and an <see cref="IChatSender"/>, the database and the conversations'
    /// text catalog. Quartz takes its clock from the container's <see cref="TimeProvider"/>.
    /// With <c>Scheduling:Enabled=false</c> only the options are registered and reminders are off.
    /// </summary>
    public static IServiceCollection AddHepBotScheduling(this IServiceCollection services, IConfiguration configuration,
        DatabaseProvider provider, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHepBotMetrics();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>>(new SettingsValidator<SchedulingOptions>(o => o.Validate(provider)));
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Reminders")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>>(new SettingsValidator<ReminderOptions>(o => o.Validate()));
        services.AddOptions<AlertRuleOptions>().Bind(configuration.GetSection("AlertRules")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertRuleOptions>>(new SettingsValidator<AlertRuleOptions>(ValidateRules));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>>(new SettingsValidator<SmtpOptions>(o => o.Validate()));
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboundOptions>>(new SettingsValidator<OutboundOptions>(o => o.Validate()));

        var settings = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!settings.Enabled)
        {
            services.Replace(ServiceDescriptor.Singleton<IReminderSchedule, RemindersOff>());
            return services;
        }

        services.AddSingleton<ReminderMessages>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<HepBot.Core.Safety.PainTriageOptions>>().Value);
        services.TryAddSingleton<ProgressReader>();
        services.TryAddSingleton(sp => new ProgressPictures(sp.GetRequiredService<HepBot.Conversations.Bot.Phrases>(), sp.GetService<IProgressPictureLinks>()));
        services.TryAddSingleton<WeekSummary>();
        services.AddSingleton<AlertMailer>();
        services.AddSingleton<OutboundContent>();
        services.AddSingleton<OutboundSender>();
        services.AddSingleton<ReminderScheduler>();
        services.Replace(ServiceDescriptor.Singleton<IReminderSchedule>(sp => sp.GetRequiredService<ReminderScheduler>()));

        var clustered = settings.IsClustered(provider) && provider != DatabaseProvider.Sqlite;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = settings.InstanceName;
                s.GenerateInstanceId = clustered;
            });
            q.UseDefaultThreadPool(Math.Clamp(settings.ThreadCount, 1, 64));
            q.UsePersistentStore(store =>
            {
                switch (provider)
                {
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(connectionString);
                        break;
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(connectionString);
                        break;
                    default:
                        store.UseSqlite(connectionString);
                        break;
                }
                store.UseSystemTextJsonSerializer(_ => { });
                store.ProvisionSchema();
                // A reminder wave is thousands of triggers due in the same minute, fired a few a second by the
                // scheduler's threads. Past the misfire threshold the store stops acquiring a trigger and leaves it to
                // the misfire handler, 20 at a pass once a threshold (60 s by default): at 1,000 patients on a loaded
                // machine that parked the wave's last triggers for 55 s (wave bench). Five minutes is also when ReminderDecision
                // calls a reminder late; the handler passes every 5 s and takes 500 at a time.
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = TimeSpan.FromMinutes(5);
                    o.MisfireHandlerFrequency = TimeSpan.FromSeconds(5);
                    o.MaxMisfiresToHandleAtATime = 500;
                });
                if (clustered)
                    store.UseClustering(_ => { });
            });

            q.AddJob<ReminderJob>(j => j.WithIdentity(ReminderKeys.ReminderJob).StoreDurably());
            q.AddJob<NudgeJob>(j => j.WithIdentity(ReminderKeys.NudgeJob).StoreDurably());
            q.AddJob<NightlyAdherenceJob>(j => j.WithIdentity(NightlyAdherenceJob.Key).StoreDurably());
            q.AddJob<AlertDeliveryJob>(j => j.WithIdentity(AlertDeliveryJob.Key).StoreDurably());
            q.AddJob<WeeklyCheckInJob>(j => j.WithIdentity(WeeklyCheckInJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("weeklyCheckIn", ReminderKeys.Group).ForJob(WeeklyCheckInJob.Key)
                .WithCronSchedule(WeeklyCheckInJob.Cron, c => c.InTimeZone(TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.WithIdentity("nightlyAdherence", ReminderKeys.Group).ForJob(NightlyAdherenceJob.Key)
                .WithCronSchedule(settings.NightlyAdherenceCron, c => c.InTimeZone(TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.WithIdentity("alertDelivery", ReminderKeys.Group).ForJob(AlertDeliveryJob.Key)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddSingleton<SchedulerStartupWork>();
        services.AddHostedService<SchedulerStartup>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutboundSenderService>(sp,
            new Lazy<OutboundSender>(sp.GetRequiredService<OutboundSender>)));
        services.AddHostedService(sp => sp.GetRequiredService<OutboundSenderService>());
        return services;
    }

    private static IEnumerable<string> ValidateRules(AlertRuleOptions o)
    {
        if (o.LowAdherenceBelow is <= 0 or > 1)
            yield return "AlertRules:LowAdherenceBelow must be more than 0 and at most 1.";
        if (o.MinimumPlannedSessions is < 1 or > 50)
            yield return "AlertRules:MinimumPlannedSessions must be between 1 and 50.";
        if (o.MissedDaysInARow is < 1 or > 30)
            yield return "AlertRules:MissedDaysInARow must be between 1 and 30.";
        if (o.PainRiseOf is <= 0 or > 10)
            yield return "AlertRules:PainRiseOf must be more than 0 and at most 10.";
        if (o.NoContactDays is < 1 or > 60)
            yield return "AlertRules:NoContactDays must be between 1 and 60.";
        if (o.ReadyToProgressAfterDays is < 0 or > 60)
            yield return "AlertRules:ReadyToProgressAfterDays must be between 0 (off) and 60.";
        if (o.ReadyToProgressMaxPain is < 0 or > 10)
            yield return "AlertRules:ReadyToProgressMaxPain must be between 0 and 10.";
    }

    /// <summary>Start-up validation whose messages name the setting.</summary>
    private sealed class SettingsValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options).ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
