using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using HepBot.Conversations.Linking;
using HepBot.Conversations.Messages;
using HepBot.Conversations.Patients;
using HepBot.Conversations.Safety;
using HepBot.Conversations.Sessions;
using HepBot.Conversations.Therapists;
using HepBot.Core.Reminders;
using HepBot.Core.Safety;
using HepBot.Data.Telemetry;
using HepBot.Pictures;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HepBot.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// The bot, its dialogs and the services they save answers through. Needs the HepBot database,
    /// an <see cref="IStorage"/> for conversation state, and options for <see cref="PainTriageOptions"/>
    /// and <see cref="LinkingOptions"/>. The text catalog is loaded (and checked) when first resolved.
    /// </summary>
    public static IServiceCollection AddHepBotConversations(this IServiceCollection services, string dialogsFolder, string mediaFolder)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Replaced by the scheduler's implementation when scheduling is on (HepBot.Scheduling).
        services.TryAddSingleton<IReminderSchedule, RemindersOff>();
        services.AddSingleton(_ => DialogTextCatalog.Load(dialogsFolder));
        services.AddSingleton<SymptomLexicons>();
        services.AddSingleton<SafetyResponder>();
        // Exercise pictures are optional here: the host registers them (ExercisePictures and the public address).
        services.AddSingleton(sp => new ExerciseMediaLocator(mediaFolder, sp.GetService<ExercisePictures>(), sp.GetService<ExercisePictureAddress>()?.BaseUrl));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PainTriageOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LinkingOptions>>().Value);
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));

        services.AddSingleton<Phrases>();
        services.AddSingleton<DoseWords>();
        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<ExerciseCard>();
        services.AddSingleton<GuidedSetRunner>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<HepBot.Core.Sessions.GuidedSetOptions>>().Value);
        services.AddSingleton<ProgramItemsCache>();
        services.AddSingleton<SessionRecorder>();
        services.AddSingleton<AlertRecorder>();
        services.AddSingleton<ProgressReader>();
        services.AddSingleton(sp => new ProgressPictures(sp.GetRequiredService<Phrases>(), sp.GetService<IProgressPictureLinks>()));
        services.AddSingleton<WeekSummary>();
        services.AddSingleton<InvitationRedeemer>();
        services.AddSingleton<CodeGate>();
        services.AddSingleton<CodeInMessage>();
        services.AddSingleton<TherapistChatLinks>();
        services.AddSingleton<ChatDirectory>();
        services.AddSingleton<WarningSignsBeforeLinking>();
        services.AddSingleton<ReminderUpdates>();
        services.AddSingleton<PatientSettings>();
        services.AddSingleton<PatientErasure>();
        services.AddSingleton<PatientDataExport>();
        services.AddSingleton<TherapistMessages>();
        services.AddSingleton<PatientMessageThread>();
        services.AddSingleton<PassOnRemarks>();
        services.AddSingleton<NewDayGuard>();
        services.AddSingleton<StaleAnswerGuard>();
        services.AddSingleton<PatientInterruptions>();
        services.AddSingleton<TherapistAlerts>();
        services.AddSingleton<UpdatedDialogsRecovery>();

        services.AddSingleton<RootDialog>();
        services.AddSingleton<Dialog, LinkingDialog>();
        services.AddSingleton<Dialog, DailySessionDialog>();
        services.AddSingleton<Dialog, ExerciseDialog>();
        services.AddSingleton<Dialog, SafetyCheckDialog>();
        services.AddSingleton<Dialog, UnwellDialog>();
        services.AddSingleton<Dialog, UnansweredSafetyDialog>();
        services.AddSingleton<Dialog, SkipReasonDialog>();
        services.AddSingleton<Dialog, CheckInBarrierDialog>();
        services.AddSingleton<Dialog, MenuDialog>();
        services.AddSingleton<Dialog, ReminderTimeDialog>();
        services.AddSingleton<Dialog, PauseRemindersDialog>();
        services.AddSingleton<Dialog, LanguageDialog>();
        services.AddSingleton<Dialog, MessageTherapistDialog>();
        services.AddSingleton<Dialog, ForgetMeDialog>();
        services.AddSingleton<Dialog, TherapistReplyDialog>();
        services.AddSingleton<Dialog, PassOnRemarkDialog>();

        services.AddSingleton(sp =>
        {
            var runner = new DialogRunner(
                sp.GetRequiredService<RootDialog>(),
                sp.GetRequiredService<ConversationState>(),
                [sp.GetRequiredService<NewDayGuard>(), sp.GetRequiredService<StaleAnswerGuard>(), sp.GetRequiredService<PatientInterruptions>()],
                sp.GetRequiredService<UpdatedDialogsRecovery>());
            foreach (var dialog in sp.GetServices<Dialog>().Concat(Prompts.Create(sp.GetRequiredService<Phrases>(), sp.GetRequiredService<PassOnRemarks>())))
                runner.Dialogs.Add(dialog);
            return runner;
        });
        services.AddSingleton<OneTurnAtATimeMiddleware>();
        services.AddHepBotMetrics();
        services.AddSingleton<TurnMetricsMiddleware>();
        services.AddSingleton<IBot, HepBotBot>();
        return services;
    }
}
