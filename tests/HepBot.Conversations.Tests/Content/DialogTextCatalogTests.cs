using HepBot.Conversations.Content;

namespace HepBot.Conversations.Tests.Content;

public sealed class DialogTextCatalogTests : IDisposable
{
    private const string EnglishSession = """
        # Daily session
        painNow: How is your pain right now, from 0 to 10?
        greeting: Good morning {firstName}!
        progress: "{done} of {total} exercises done."
        reminders:
          morning:
            title: Time for your exercises
        """;

    private const string SpanishSession = """
        painNow: ¿Cómo es tu dolor ahora, del 0 al 10?
        greeting: ¡Buenos días, {firstName}!
        progress: "Llevas {done} de {total} ejercicios."
        reminders:
          morning:
            title: Es la hora de tus ejercicios
        """;

    private readonly DialogsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Keys_are_namespaced_by_file_and_nested_maps_are_flattened()
    {
        var catalog = DialogTextCatalog.Load(_folder.With("en/session.yaml", EnglishSession).With("es/session.yaml", SpanishSession).Path);

        Assert.Equal(["en", "es"], catalog.Languages);
        Assert.Equal("en", catalog.DefaultLanguage);
        Assert.Equal(
            ["session.greeting", "session.painNow", "session.progress", "session.reminders.morning.title"],
            catalog.Keys);
        Assert.Equal("Es la hora de tus ejercicios", catalog.Get("es", "session.reminders.morning.title"));
    }

    [Fact]
    public void Placeholders_are_filled_by_name()
    {
        var catalog = LoadGood();

        Assert.Equal("Good morning Ana!", catalog.Get("en", "session.greeting", ("firstName", "Ana")));
        Assert.Equal("Llevas 2 de 5 ejercicios.", catalog.Get("es", "session.progress", ("total", 5), ("done", 2)));
    }

    [Theory]
    [InlineData("es", "¿Cómo es tu dolor ahora, del 0 al 10?")]
    [InlineData("es-MX", "¿Cómo es tu dolor ahora, del 0 al 10?")]
    [InlineData("ES_mx", "¿Cómo es tu dolor ahora, del 0 al 10?")]
    [InlineData("en-GB", "How is your pain right now, from 0 to 10?")]
    [InlineData("fr-FR", "How is your pain right now, from 0 to 10?")]
    [InlineData("", "How is your pain right now, from 0 to 10?")]
    [InlineData(null, "How is your pain right now, from 0 to 10?")]
    public void A_locale_falls_back_to_its_language_then_to_the_default(string? locale, string expected)
    {
        Assert.Equal(expected, LoadGood().Get(locale, "session.painNow"));
    }

    [Fact]
    public void A_regional_folder_is_preferred_over_its_language()
    {
        var catalog = DialogTextCatalog.Load(_folder
            .With("en/common.yaml", "ok: OK")
            .With("pt/common.yaml", "ok: Está bem")
            .With("pt-br/common.yaml", "ok: Tá bom")
            .Path);

        Assert.Equal("Tá bom", catalog.Get("pt-BR", "common.ok"));
        Assert.Equal("Está bem", catalog.Get("pt-PT", "common.ok"));
        Assert.Equal("pt-br", catalog.ResolveLanguage("pt_BR"));
    }

    [Fact]
    public void Numbers_are_formatted_for_the_locale()
    {
        var catalog = DialogTextCatalog.Load(_folder
            .With("en/session.yaml", "walked: You walked {km} km.")
            .With("es/session.yaml", "walked: Has caminado {km} km.")
            .Path);

        Assert.Equal("You walked 2.5 km.", catalog.Get("en", "session.walked", ("km", 2.5)));
        Assert.Equal("Has caminado 2,5 km.", catalog.Get("es-ES", "session.walked", ("km", 2.5)));
    }

    [Fact]
    public void An_unknown_key_throws()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => LoadGood().Get("en", "session.painLater"));
        Assert.StartsWith("There is no dialog text 'session.painLater'.", error.Message);
    }

    [Fact]
    public void A_placeholder_without_a_value_throws()
    {
        var catalog = LoadGood();

        var missing = Assert.Throws<ArgumentException>(() => catalog.Get("en", "session.progress", ("done", 2)));
        Assert.StartsWith("Dialog text 'session.progress' needs a value for {total}.", missing.Message);

        var nullValue = Assert.Throws<ArgumentException>(() => catalog.Get("en", "session.greeting", ("firstName", null)));
        Assert.StartsWith("Dialog text 'session.greeting' needs a value for {firstName}.", nullValue.Message);
    }

    [Fact]
    public void A_value_for_a_placeholder_the_text_does_not_have_throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LoadGood().Get("en", "session.greeting", ("firstName", "Ana"), ("name", "Ana")));
        Assert.StartsWith("Dialog text 'session.greeting' has no placeholder {name}; it has {firstName}.", error.Message);
    }

    [Fact]
    public void Every_difference_between_languages_is_reported_at_once()
    {
        _folder
            .With("en/session.yaml", EnglishSession)
            .With("en/common.yaml", "yes: Yes\nno: No")
            .With("es/session.yaml", """
                painNow: ¿Cómo es tu dolor ahora, del 0 al 10?
                greeting: ¡Buenos días, {name}!
                progress: "Llevas {done} ejercicios."
                goodbye: ¡Hasta mañana!
                reminders:
                  morning:
                    title: Es la hora de tus ejercicios
                """)
            .With("es/common.yaml", "yes: Sí");

        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(_folder.Path));

        Assert.Equal(
            [
                "es: 'common.no' is missing (it is in en).",
                "es: 'session.goodbye' is not in en; add it there too or remove it.",
                "es: 'session.greeting' placeholders differ from en: lacks {firstName}; has {name} which en does not.",
                "es: 'session.progress' placeholders differ from en: lacks {total}.",
            ],
            error.Problems);
        Assert.Contains("have 4 problems:", error.Message);
        Assert.Contains("  - es: 'common.no' is missing (it is in en).", error.Message);
    }

    [Fact]
    public void Mistakes_inside_a_file_name_the_file_and_line()
    {
        _folder
            .With("en/session.yaml", """
                painNow: How is your pain right now, from 0 to 10?
                greeting: Good morning {first name}!
                empty:
                nothing: ~
                steps:
                  - one
                  - two
                with.dot: Hello
                """)
            .With("en/extra.yml", "a: b")
            .With("en/reminders/morning.yaml", "title: Time for your exercises");

        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(_folder.Path));

        Assert.Equal(
            [
                "en/reminders: folders inside a language folder are not read; put the .yaml files directly in the language folder and group keys inside a file instead.",
                "en/extra.yml: rename the file to end in .yaml.",
                "en/session.yaml (line 2): 'session.greeting' has a '{' or '}' that is not a placeholder like {firstName} (letters, digits and _ only, no spaces).",
                "en/session.yaml (line 3): 'session.empty' has no text.",
                "en/session.yaml (line 4): 'session.nothing' has no text.",
                "en/session.yaml (line 6): 'session.steps' must be a text or a group of keys, not a list.",
                "en/session.yaml (line 8): key 'with.dot' must be letters, digits or _ (no spaces or dots).",
            ],
            error.Problems);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line_alongside_other_problems()
    {
        _folder
            .With("en/common.yaml", "yes: Yes\nno: No")
            .With("en/session.yaml", "painNow: How is your pain?\ngreeting: {firstName}, good morning\n")
            .With("es/common.yaml", "yes: Sí");

        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(_folder.Path));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("en/session.yaml (line 2): ", error.Problems[0]);
        Assert.EndsWith("If a text starts with '{' or a quote, or contains ': ' or ' #', put it in double quotes.", error.Problems[0]);
        Assert.Equal("es: 'common.no' is missing (it is in en).", error.Problems[1]);
    }

    [Fact]
    public void A_key_written_twice_in_one_file_is_reported()
    {
        _folder.With("en/common.yaml", "yes: Yes\nyes: Yeah");

        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(_folder.Path));

        Assert.StartsWith("en/common.yaml (line 2): Duplicate key yes.", Assert.Single(error.Problems));
    }

    [Fact]
    public void Block_texts_are_trimmed_and_quoted_texts_may_start_with_a_placeholder()
    {
        var catalog = DialogTextCatalog.Load(_folder.With("en/session.yaml", """
            safety: >
              If the pain is sharp,
              stop and call the clinic.
            progress: "{done} done: great work!"
            """).Path);

        Assert.Equal("If the pain is sharp, stop and call the clinic.", catalog.Get("en", "session.safety"));
        Assert.Equal("3 done: great work!", catalog.Get("en", "session.progress", ("done", 3)));
    }

    [Fact]
    public void A_quoted_empty_text_is_a_deliberate_silence()
    {
        var catalog = DialogTextCatalog.Load(_folder.With("en/exercise.yaml", """
            side:
              both: ""
              left: Left side.
            """).Path);

        Assert.Equal(string.Empty, catalog.Get("en", "exercise.side.both"));
    }

    [Fact]
    public void The_default_language_folder_must_exist()
    {
        _folder.With("es/common.yaml", "yes: Sí").With("Spanish/common.yaml", "yes: Sí");

        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(_folder.Path));

        Assert.Equal(
            [
                "Folder 'Spanish' is not a language tag in lower case like 'en', 'es' or 'pt-br'.",
                "There is no folder for the default language 'en'.",
            ],
            error.Problems);
    }

    [Fact]
    public void A_missing_dialogs_folder_says_so()
    {
        var error = Assert.Throws<DialogContentException>(() => DialogTextCatalog.Load(Path.Combine(_folder.Path, "nowhere")));
        Assert.Equal(["The folder does not exist."], error.Problems);
    }

    [Fact]
    public void Another_default_language_can_be_chosen()
    {
        var catalog = DialogTextCatalog.Load(
            _folder.With("en/session.yaml", EnglishSession).With("es/session.yaml", SpanishSession).Path,
            defaultLanguage: "es");

        Assert.Equal("¿Cómo es tu dolor ahora, del 0 al 10?", catalog.Get("fr", "session.painNow"));
    }

    private DialogTextCatalog LoadGood() =>
        DialogTextCatalog.Load(_folder.With("en/session.yaml", EnglishSession).With("es/session.yaml", SpanishSession).Path);
}
