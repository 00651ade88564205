using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// The kinds of language the recogniser tells apart beyond single phrases (issue 8, generalisation): a denial covers
/// its whole list, long-ago history and other people's signs are not the patient's, everyday sayings are taken out,
/// and none of this hides a sign that is the patient's and is now.
/// </summary>
public class GeneralisationTests
{
    private static readonly PainTriageOptions Pain = new();

    private static SymptomRecognition Read(string language, string text) =>
        SymptomRecognizer.Recognize(text, Lexicons.For(language));

    [Theory]
    [InlineData("en", "no dizziness, nausea or chest pain")]
    [InlineData("en", "no swelling, redness, or heat in my calf")]
    [InlineData("en", "never felt faint or lightheaded")]
    [InlineData("en", "i dont feel sick or dizzy")]
    [InlineData("es", "no tengo fiebre, escalofríos ni náuseas")]
    [InlineData("es", "no he tenido palpitaciones, mareos o dolor de pecho")]
    public void A_denial_covers_every_item_of_its_list(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "no fever, my calf is red or swollen", SymptomFinding.CalfSwelling)]
    [InlineData("en", "no fever, but dizzy or sick", SymptomFinding.Dizziness)]
    [InlineData("en", "no fever, calf red and swollen", SymptomFinding.CalfSwelling)]
    [InlineData("es", "no tengo fiebre, tengo el gemelo rojo o hinchado", SymptomFinding.CalfSwelling)]
    public void A_denied_list_stops_where_a_new_statement_starts(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "i had a clot two years ago")]
    [InlineData("en", "i fainted once as a child")]
    [InlineData("en", "history of angina, well controlled")]
    [InlineData("es", "tuve un coágulo hace dos años")]
    [InlineData("es", "de pequeña me desmayaba")]
    public void Long_ago_history_is_not_a_sign_now(string language, string text) =>
        Assert.Empty(Read(language, text).Findings);

    [Theory]
    [InlineData("en", "i had a clot years ago and now my calf is swollen again", SymptomFinding.CalfSwelling)]
    [InlineData("en", "i had a clot two years ago, my calf is swollen", SymptomFinding.CalfSwelling)]
    [InlineData("es", "hace años tuve un coágulo y ahora tengo el gemelo hinchado", SymptomFinding.CalfSwelling)]
    public void History_does_not_silence_what_is_said_of_now(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "my neighbour had a stroke")]
    [InlineData("en", "a friend of mine fainted at the gym")]
    [InlineData("en", "someone in my class passed out")]
    [InlineData("es", "mi vecino tuvo un infarto")]
    [InlineData("es", "a una amiga le dio un ictus")]
    public void A_sign_of_someone_outside_the_household_is_not_the_patients(string language, string text) =>
        Assert.Empty(Read(language, text).Findings);

    [Theory]
    [InlineData("en", "my friend says my face looks droopy on one side", UrgencyTier.Emergency)]
    [InlineData("en", "my neighbour found me and i had passed out", UrgencyTier.Emergency)]
    [InlineData("en", "mum fainted after her exercises", UrgencyTier.Emergency)]
    [InlineData("en", "it feels like someone is standing on my chest", UrgencyTier.Emergency)]
    [InlineData("es", "mi amiga dice que tengo la cara torcida", UrgencyTier.Emergency)]
    [InlineData("es", "mi madre se desmayó después de los ejercicios", UrgencyTier.Emergency)]
    public void The_patient_or_a_relative_writing_for_them_is_still_heard(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "i'm numb to it by now")]
    [InlineData("en", "dead on my feet after work")]
    [InlineData("en", "nearly fell off my chair laughing")]
    [InlineData("en", "you nearly gave me a heart attack")]
    [InlineData("en", "wobbly on the single leg stand")]
    [InlineData("en", "the pain has gone")]
    [InlineData("es", "me caigo de sueño")]
    [InlineData("es", "me ahogo de risa")]
    [InlineData("es", "me muero de calor")]
    [InlineData("es", "estoy ahogada de trabajo")]
    [InlineData("es", "ya se me quitó el dolor")]
    [InlineData("en", "i fell ill with a cold")]
    [InlineData("en", "the scar is faint now")]
    [InlineData("en", "wearing flight socks to avoid clots")]
    [InlineData("en", "on pins and needles waiting for the results")]
    [InlineData("es", "me pongo las medias para evitar trombos")]
    [InlineData("es", "subo al segundo piso sin problema")]
    public void Everyday_sayings_that_borrow_sign_words_raise_nothing(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "the pain went down my left arm", UrgencyTier.Emergency)]
    [InlineData("en", "what should i do if i feel dizzy", UrgencyTier.SameDay)]
    [InlineData("es", "el dolor se me fue al brazo izquierdo", UrgencyTier.Emergency)]
    [InlineData("es", "me ahogo, no puedo respirar", UrgencyTier.Emergency)]
    [InlineData("en", "my calf is swollen, i think its a clot", UrgencyTier.SameDay)]
    [InlineData("es", "creo que tengo un trombo en el gemelo", UrgencyTier.SameDay)]
    [InlineData("es", "me caí al piso en la cocina", UrgencyTier.TherapistReview)]
    public void Sayings_are_taken_out_only_as_said(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));
}
