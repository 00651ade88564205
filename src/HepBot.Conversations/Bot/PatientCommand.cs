namespace HepBot.Conversations.Bot;

/// <summary>What a patient can ask for at any time, by menu button, slash command or typed word.</summary>
public enum PatientCommand
{
    Today,
    Progress,
    Reminder,
    Pause,
    Language,
    Message,
    MyData,
    ForgetMe,
    Help,
    Menu,
    Stop,

    /// <summary>"In 1 hour" on a reminder.</summary>
    Snooze,

    /// <summary>"Skip today" on a reminder: the skip-reason question straight away.</summary>
    SkipDay,

    /// <summary>A barrier button of the weekly check-in (<c>/barrier noTime</c>): its helpful answer, and the reason kept.</summary>
    Barrier,

    /// <summary>"I feel unwell": the red-flag check, from wherever the patient is.</summary>
    Unwell,
}
