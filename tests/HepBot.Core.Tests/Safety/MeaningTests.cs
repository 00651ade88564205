using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// Wording that says a sign without its textbook words, and wording that only looks like one (issue 8, generalisation):
/// a short denial answering a question, postposed denials, slips that must never make a denial, "not even",
/// signs that are settling, metaphors for emergencies, temperatures and decimals typed as numbers.
/// </summary>
public class MeaningTests
{
    private static readonly PainTriageOptions Pain = new();

    private static SymptomRecognition Read(string language, string text) =>
        SymptomRecognizer.Recognize(text, Lexicons.For(language));

    private static string Said(SymptomRecognition read) =>
        string.Join(", ", read.Findings.Select(f => $"{f.Finding} '{f.Words}'")) + (read.Pain is { } p ? $" pain {p.Score}" : "")
        + (read.AsksForPainScore ? " asks for the score" : "");

    [Theory]
    [InlineData("en", "chest pain? none")]
    [InlineData("en", "dizzy? nope")]
    [InlineData("en", "any chest pain? not really")]
    [InlineData("en", "chest pain: no")]
    [InlineData("en", "chest pain - none")]
    [InlineData("es", "¿mareo? no")]
    [InlineData("es", "¿dolor de pecho? ninguno")]
    [InlineData("es", "fiebre: nada")]
    [InlineData("es", "mareo no")]
    public void A_short_denial_answering_a_sign_denies_it(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {Said(Read(language, text))}");

    [Theory]
    [InlineData("en", "chest pain? yes", SymptomFinding.ChestPain)]
    [InlineData("en", "dizziness: no. chest pain: yes", SymptomFinding.ChestPain)]
    [InlineData("en", "chest pain? not sure", SymptomFinding.ChestPain)]
    [InlineData("es", "¿mareo? sí", SymptomFinding.Dizziness)]
    [InlineData("es", "¿fiebre? no, pero estoy mareada", SymptomFinding.Dizziness)]
    [InlineData("es", "¿es normal que me duela el pecho?", SymptomFinding.ChestPain)]
    public void An_answer_that_is_not_a_denial_leaves_the_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    /// <summary>A typing slip can make a sign, never a denial: "want" is not "wasnt", "agent" is not "arent", "ganas" is not "jamás".</summary>
    [Theory]
    [InlineData("en", "i want to throw up", SymptomFinding.Nausea)]
    [InlineData("en", "i haven been sick twice", SymptomFinding.Nausea)]
    [InlineData("en", "the travel agent says my face looks droopy", SymptomFinding.StrokeSigns)]
    [InlineData("es", "tengo ganas enormes de vomitar", SymptomFinding.Nausea)]
    public void A_slip_never_makes_a_denial(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("es", "no puedo ni respirar")]
    [InlineData("es", "ni siquiera puedo respirar")]
    public void Not_even_is_no_denial_of_the_sign(string language, string text) =>
        Assert.Contains(SymptomFinding.SevereBreathlessness, Read(language, text).FindingSet);

    [Theory]
    [InlineData("es", "no tengo fiebre ni problemas para respirar")]
    [InlineData("es", "no estoy mareado ni tengo ganas de vomitar")]
    [InlineData("es", "no tengo ganas de vomitar")]
    public void Ni_still_denies_what_follows_it(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {Said(Read(language, text))}");

    [Theory]
    [InlineData("en", "the swelling in my calf is going down")]
    [InlineData("en", "calf was puffy yesterday, going down now")]
    [InlineData("en", "the scar is less red today")]
    [InlineData("en", "knee is sore but easing off")]
    [InlineData("es", "la hinchazón del gemelo va bajando")]
    [InlineData("es", "me molesta un poco pero ya se me pasa")]
    public void A_settling_swelling_or_soreness_is_not_a_warning(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {Said(Read(language, text))}");

    [Theory]
    [InlineData("en", "my calf swelling isnt going down", SymptomFinding.CalfSwelling)]
    [InlineData("en", "my calf hurts going down the stairs", SymptomFinding.CalfSwelling)]
    [InlineData("en", "i was dizzy but it went away", SymptomFinding.Dizziness)]
    [InlineData("en", "the swelling has gone down and i'm dizzy", SymptomFinding.Dizziness)]
    [InlineData("es", "el gemelo sigue hinchado, no baja", SymptomFinding.CalfSwelling)]
    [InlineData("es", "me mareé pero ya se me pasa", SymptomFinding.Dizziness)]
    public void Settling_is_said_of_swelling_and_soreness_only_and_not_when_denied(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "my chest feels like it's caving in")]
    [InlineData("en", "it's like an elephant sitting on me")]
    [InlineData("en", "feels like a brick on my chest")]
    [InlineData("en", "my vision went and i hit the floor")]
    [InlineData("en", "the words aren't coming out right")]
    [InlineData("en", "i can't find the right words")]
    [InlineData("en", "one side of my face feels droopy")]
    [InlineData("en", "heart going like a drum and i feel faint")]
    [InlineData("es", "siento como una garra en el pecho")]
    [InlineData("es", "se me cierra el pecho")]
    [InlineData("es", "siento el pecho como si me lo apretaran")]
    [InlineData("es", "no me salen las palabras")]
    [InlineData("es", "se me fue la vista y acabé en el suelo")]
    [InlineData("es", "el corazón me va como un tambor y me mareo")]
    public void Metaphors_and_indirect_wording_of_emergencies_are_emergencies(string language, string text) =>
        Assert.True(Read(language, text).Tier(Pain) == UrgencyTier.Emergency, $"'{text}' read as {Said(Read(language, text))}");

    [Theory]
    [InlineData("en", "my chest feels fine, like a new person")]
    [InlineData("en", "chesty cough today")]
    [InlineData("en", "my chest stretch felt like a relief")]
    public void A_chest_said_to_be_fine_is_not_chest_pain(string language, string text) =>
        Assert.DoesNotContain(SymptomFinding.ChestPain, Read(language, text).FindingSet);

    [Theory]
    [InlineData("es", "tengo 38,5")]
    [InlineData("es", "fiebre de 38")]
    [InlineData("es", "tengo 38")]
    [InlineData("en", "temp 38.2")]
    [InlineData("en", "38.5 this morning")]
    [InlineData("en", "my temperature is 101")]
    public void A_temperature_typed_as_a_number_is_fever(string language, string text) =>
        Assert.Contains(SymptomFinding.Fever, Read(language, text).FindingSet);

    [Theory]
    [InlineData("es", "tengo 38 años")]
    [InlineData("es", "tengo 40 minutos libres")]
    [InlineData("en", "did 38 reps today")]
    public void A_number_that_is_not_a_temperature_is_not_fever(string language, string text) =>
        Assert.DoesNotContain(SymptomFinding.Fever, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "pain is 6.5", 7)]
    [InlineData("es", "7,5/10", 8)]
    [InlineData("en", "pain 8 and temp 38.5", 8)]
    public void A_decimal_pain_score_is_rounded_up_and_a_temperature_is_not_pain(string language, string text, int score) =>
        Assert.Equal(score, Read(language, text).Pain?.Score);

    [Theory]
    [InlineData("es", "no siento los dedos del pie")]
    [InlineData("es", "ya no siento la pierna izquierda")]
    public void Not_feeling_a_body_part_is_numbness(string language, string text) =>
        Assert.Contains(SymptomFinding.NewNumbness, Read(language, text).FindingSet);

    [Theory]
    [InlineData("es", "no siento dolor en el pie")]
    [InlineData("es", "no siento nada raro en la pierna")]
    public void Not_feeling_pain_in_a_body_part_is_no_numbness(string language, string text) =>
        Assert.DoesNotContain(SymptomFinding.NewNumbness, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "my knee collapsed under me")]
    [InlineData("en", "knee collapsed and i landed on the floor")]
    public void A_joint_that_collapsed_is_a_joint_giving_way_not_fainting(string language, string text)
    {
        var read = Read(language, text).FindingSet;
        Assert.Contains(SymptomFinding.JointGivingWay, read);
        Assert.DoesNotContain(SymptomFinding.Fainting, read);
    }
}
