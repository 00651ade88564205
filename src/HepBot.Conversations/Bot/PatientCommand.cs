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
}
