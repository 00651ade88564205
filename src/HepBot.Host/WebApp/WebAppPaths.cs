namespace HepBot.Host.WebApp;

internal static class WebAppPaths
{
    public const string Home = WebAppHosting.BasePath;

    public static string Patient(Guid id) => $"{WebAppHosting.BasePath}/patients/{id}";

    public static string ProgramEditor(Guid patientId) => $"{Patient(patientId)}/program";

    public static string ProgramHistory(Guid patientId) => $"{Patient(patientId)}/program/history";

    /// <summary>A return address only when it is one of the app's own pages: never an open redirect.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is not null
        && returnUrl.StartsWith(WebAppHosting.BasePath, StringComparison.Ordinal)
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Contains('\\')
        && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : Home;
}
