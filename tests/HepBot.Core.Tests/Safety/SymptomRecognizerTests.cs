using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

public class SymptomRecognizerTests
{
    private static readonly PainTriageOptions Pain = new();

    private static SymptomRecognition Read(string language, string text) =>
        SymptomRecognizer.Recognize(text, Lexicons.For(language));

    [Theory]
    [InlineData("en", "my chest hurts", SymptomFinding.ChestPain)]
    [InlineData("en", "I have a tight feeling in my chest", SymptomFinding.ChestPain)]
    [InlineData("en", "I feel dizzy", SymptomFinding.Dizziness)]
    [InlineData("en", "my calf is swollen and red", SymptomFinding.CalfSwelling)]
    [InlineData("en", "I fell", SymptomFinding.Fall)]
    [InlineData("en", "my knee gave way", SymptomFinding.JointGivingWay)]
    [InlineData("en", "I think I'm going to faint", SymptomFinding.Fainting)]
    [InlineData("en", "I fainted after the squats", SymptomFinding.Fainting)]
    [InlineData("en", "the pain goes down my left arm", SymptomFinding.PainSpreadingToJawOrArm)]
    [InlineData("en", "I can't breathe", SymptomFinding.SevereBreathlessness)]
    [InlineData("en", "my face is drooping on one side", SymptomFinding.StrokeSigns)]
    [InlineData("en", "my heart is racing", SymptomFinding.Palpitations)]
    [InlineData("en", "the scar is red and oozing", SymptomFinding.WoundProblem)]
    [InlineData("en", "I have a fever", SymptomFinding.Fever)]
    [InlineData("en", "pins and needles in my foot", SymptomFinding.NewNumbness)]
    [InlineData("es", "me duele el pecho", SymptomFinding.ChestPain)]
    [InlineData("es", "estoy mareada", SymptomFinding.Dizziness)]
    [InlineData("es", "tengo mareos", SymptomFinding.Dizziness)]
    [InlineData("es", "me he caído en la cocina", SymptomFinding.Fall)]
    [InlineData("es", "se me fue la rodilla", SymptomFinding.JointGivingWay)]
    [InlineData("es", "tengo la pantorrilla hinchada y roja", SymptomFinding.CalfSwelling)]
    [InlineData("es", "no puedo respirar", SymptomFinding.SevereBreathlessness)]
    [InlineData("es", "tengo fiebre", SymptomFinding.Fever)]
    [InlineData("es", "el corazón me va a mil", SymptomFinding.Palpitations)]
    [InlineData("es", "sudor frío", SymptomFinding.ColdSweat)]
    public void Typed_warning_signs_are_found(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    /// <summary>Everyday ways of saying the emergency signs: each must be an emergency in the same turn.</summary>
    [Theory]
    [InlineData("en", "there's a pressure on my chest")]
    [InlineData("en", "my chest feels tight")]
    [InlineData("en", "tightness in my chest")]
    [InlineData("en", "my chest feels heavy")]
    [InlineData("en", "a heaviness in my chest")]
    [InlineData("en", "it feels like an elephant on my chest")]
    [InlineData("en", "it feels like someone is sitting on my chest")]
    [InlineData("en", "the pain goes into my jaw")]
    [InlineData("en", "the ache spreads to my left arm")]
    [InlineData("en", "pain in my arm and jaw")]
    [InlineData("en", "I can't catch my breath")]
    [InlineData("en", "I can't get enough air")]
    [InlineData("en", "I'm gasping for air")]
    [InlineData("en", "I passed out")]
    [InlineData("en", "I nearly passed out on the stairs")]
    [InlineData("en", "I blacked out for a second")]
    [InlineData("en", "my face is drooping")]
    [InlineData("en", "one side of my face dropped")]
    [InlineData("en", "my words are slurred")]
    [InlineData("en", "I'm slurring my words")]
    [InlineData("en", "my arm went weak on one side")]
    [InlineData("en", "suddenly I can't move my left arm")]
    [InlineData("en", "half my body went numb")]
    [InlineData("es", "siento opresión en el pecho")]
    [InlineData("es", "tengo una presión en el pecho")]
    [InlineData("es", "me aprieta el pecho")]
    [InlineData("es", "siento el pecho pesado")]
    [InlineData("es", "me falta muchísimo el aire")]
    [InlineData("es", "me ahogo")]
    [InlineData("es", "no puedo coger aire")]
    [InlineData("es", "se me durmió medio cuerpo")]
    [InlineData("es", "se me tuerce la boca")]
    [InlineData("es", "se me cae un lado de la cara")]
    [InlineData("es", "no me salen las palabras")]
    [InlineData("es", "hablo raro, arrastro las palabras")]
    [InlineData("es", "me desmayé")]
    [InlineData("es", "casi me desmayo")]
    [InlineData("es", "perdí el conocimiento")]
    [InlineData("es", "el dolor me baja por el brazo izquierdo")]
    [InlineData("es", "me duele la mandíbula y el brazo")]
    [InlineData("es", "no puedo mover el brazo derecho de repente")]
    [InlineData("en", "crushing pain in my chest")]
    [InlineData("en", "my chest is squeezing")]
    [InlineData("en", "I feel like I'm going to pass out")]
    [InlineData("en", "I keep blacking out")]
    [InlineData("en", "I collapsed")]
    [InlineData("en", "my speech is garbled")]
    [InlineData("en", "I can't smile on one side")]
    [InlineData("en", "my left side is weak")]
    [InlineData("en", "my arm and leg on one side are numb")]
    [InlineData("en", "breathless even sitting still, can't talk")]
    [InlineData("en", "it feels like a band around my chest")]
    [InlineData("en", "burning pain in my chest")]
    [InlineData("en", "pain radiating to my jaw")]
    [InlineData("en", "my jaw and left arm ache")]
    [InlineData("en", "sudden numbness on one side")]
    [InlineData("en", "I feel faint and my heart is pounding")]
    [InlineData("en", "cold sweat and chest discomfort")]
    [InlineData("en", "my chest feels like it's being squeezed")]
    [InlineData("es", "dolor fuerte en el pecho")]
    [InlineData("es", "siento como un peso en el pecho")]
    [InlineData("es", "me oprime el pecho")]
    [InlineData("es", "me quedé sin aire")]
    [InlineData("es", "se me durmió la mitad de la cara")]
    [InlineData("es", "tengo la cara torcida")]
    [InlineData("es", "no puedo hablar bien")]
    [InlineData("es", "se me traba la lengua")]
    [InlineData("es", "me he desvanecido")]
    [InlineData("es", "sudor frío y dolor de pecho")]
    [InlineData("es", "el corazón me late muy rápido y me mareo")]
    [InlineData("es", "el dolor se va al cuello y la mandíbula")]
    [InlineData("es", "hormigueo en medio cuerpo de golpe")]
    [InlineData("es", "perdí fuerza en un lado del cuerpo")]
    [InlineData("es", "me estrujan el pecho")]
    [InlineData("es", "siento que me voy a desmayar")]
    public void Everyday_phrasings_of_emergency_signs_are_emergencies(string language, string text) =>
        Assert.Equal(UrgencyTier.Emergency, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "MY CHEST HURTS!!!", SymptomFinding.ChestPain)]
    [InlineData("en", "im dizzzy", SymptomFinding.Dizziness)]
    [InlineData("en", "my calf is swolen", SymptomFinding.CalfSwelling)]
    [InlineData("en", "I feel naseous", SymptomFinding.Nausea)]
    [InlineData("es", "estoy MAREÁDA", SymptomFinding.Dizziness)]
    [InlineData("es", "estoy mareda", SymptomFinding.Dizziness)]
    [InlineData("es", "me duele el pécho", SymptomFinding.ChestPain)]
    public void Case_accents_and_one_slip_in_a_long_word_do_not_hide_a_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "no chest pain, just tired")]
    [InlineData("en", "I'm not dizzy")]
    [InlineData("en", "I didn't fall")]
    [InlineData("en", "never fainted")]
    [InlineData("es", "sin dolor en el pecho")]
    [InlineData("es", "no me he caído")]
    [InlineData("es", "no estoy mareada")]
    [InlineData("es", "ni fiebre ni mareo")]
    public void A_denial_in_the_same_clause_is_not_an_alarm(string language, string text)
    {
        var read = Read(language, text);
        Assert.Empty(read.Findings);
        Assert.Equal(UrgencyTier.None, read.Tier(Pain));
    }

    [Theory]
    [InlineData("en", "not dizzy but my chest hurts", SymptomFinding.ChestPain)]
    [InlineData("en", "I don't know why but I feel dizzy", SymptomFinding.Dizziness)]
    [InlineData("es", "no tengo fiebre pero estoy mareada", SymptomFinding.Dizziness)]
    public void A_denial_does_not_reach_past_its_clause(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "pain is 7", 7)]
    [InlineData("en", "7/10", 7)]
    [InlineData("en", "it's a 7 out of 10", 7)]
    [InlineData("en", "10/10", 10)]
    [InlineData("en", "my knee hurts, about a six", 6)]
    [InlineData("es", "el dolor es de 7", 7)]
    [InlineData("es", "dolor 8", 8)]
    [InlineData("es", "un 3 sobre 10", 3)]
    public void Pain_numbers_in_text_are_pain_reports(string language, string text, int score)
    {
        var read = Read(language, text);
        Assert.Equal(score, read.Pain?.Score);
        Assert.False(read.Pain!.OutOfScale);
    }

    [Theory]
    [InlineData("en", "my pain is 11/10")]
    [InlineData("en", "pain 15")]
    [InlineData("es", "el dolor es de 12")]
    public void An_out_of_scale_number_is_read_as_the_top_and_says_so(string language, string text)
    {
        var read = Read(language, text);
        Assert.Equal(10, read.Pain?.Score);
        Assert.True(read.Pain!.OutOfScale);
    }

    [Theory]
    [InlineData("en", "7")]
    [InlineData("en", "did 10 reps, knee a bit sore")]
    [InlineData("en", "3 more to go")]
    [InlineData("es", "me duele tras 10 repeticiones")]
    public void Numbers_that_are_not_pain_scores_are_not_read_as_pain(string language, string text) =>
        Assert.Null(Read(language, text).Pain);

    [Theory]
    [InlineData("en", "this really hurts")]
    [InlineData("en", "it's sore")]
    [InlineData("es", "me duele mucho")]
    public void Pain_words_without_a_number_ask_for_the_score(string language, string text)
    {
        var read = Read(language, text);
        Assert.True(read.AsksForPainScore);
        Assert.Null(read.Pain);
        Assert.Equal(UrgencyTier.None, read.Tier(Pain));
    }

    [Theory]
    [InlineData("en", "done")]
    [InlineData("en", "that was easy")]
    [InlineData("en", "a bit tired")]
    [InlineData("en", "thanks")]
    [InlineData("en", "how many more?")]
    [InlineData("en", "I fell asleep on the sofa")]
    [InlineData("en", "I skipped one")]
    [InlineData("en", "fewer reps today please")]
    [InlineData("en", "pain free today")]
    [InlineData("es", "hecho")]
    [InlineData("es", "gracias")]
    [InlineData("es", "un poco cansada")]
    [InlineData("es", "¿cuántos quedan?")]
    public void Everyday_chatter_raises_nothing(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {Read(language, text)}");

    /// <summary>
    /// An exercise's name is taken out before signs are looked for, and must not take a sign with it: "chest press*"
    /// once also took out "chest pressure" (unseen-19, 2026-12-06), so "chest pressure and a cold sweat" read SameDay.
    /// </summary>
    [Theory]
    [InlineData("en", "chest pressure and i'm in a cold sweat", true)]
    [InlineData("en", "my chest pressed tight", true)]
    [InlineData("en", "did my chest presses", false)]
    [InlineData("en", "chest press machine was busy", false)]
    [InlineData("es", "me quedé sin aire ayer", true)]
    [InlineData("es", "me quedé sin batería ayer, por eso no contesté", false)]
    [InlineData("es", "todavía me tambaleo un poco en el ejercicio de un pie", false)]
    [InlineData("es", "me tambaleo al caminar", true)]
    public void An_exercise_or_everyday_phrase_does_not_hide_a_sign_beside_it(string language, string text, bool sign) =>
        Assert.Equal(sign, Read(language, text).Findings.Count > 0);

    [Theory]
    [InlineData("en", "knee at 7", 7)]
    [InlineData("en", "my back is six, it was four yesterday", 6)]
    [InlineData("es", "la espalda en 8 hoy", 8)]
    [InlineData("es", "la espalda en un ocho", 8)]
    public void A_body_part_with_a_score_is_a_pain_report(string language, string text, int score) =>
        Assert.Equal(score, Read(language, text).Pain?.Score);

    [Theory]
    [InlineData("en", "keep the knee at 90 degrees?")]
    [InlineData("en", "my back is one big knot")]
    [InlineData("es", "pon la rodilla en el suelo")]
    [InlineData("es", "la rodilla en 90 grados")]
    public void A_body_part_without_a_score_is_not_a_pain_report(string language, string text)
    {
        var read = Read(language, text);
        Assert.Null(read.Pain);
        Assert.False(read.AsksForPainScore);
    }

    /// <summary>
    /// A relative named with a far-away place lives outside the household (unseen-20 and unseen-22, 2026-12-06): "my son in
    /// sydney had a fall" is not the patient's fall. A place alone is not someone else: "i'm in spain on holiday and fainted"
    /// is the patient, and a first-person word after the relative brings the sign back to the writer.
    /// </summary>
    [Theory]
    [InlineData("en", "my son in sydney had a fall skiing", false)]
    [InlineData("en", "my uncle over in canada had a stroke last week", false)]
    [InlineData("es", "mi tía en méxico tuvo un ictus", false)]
    [InlineData("es", "mi hermano en el extranjero se desmayó", false)]
    [InlineData("en", "i'm in spain on holiday and fainted", true)]
    [InlineData("en", "my son in sydney says i look pale and i fainted", true)]
    [InlineData("en", "my mum fell in the kitchen", true)]
    [InlineData("es", "estoy en méxico de vacaciones y me desmayé", true)]
    public void A_relative_far_away_is_someone_else(string language, string text, bool sign) =>
        Assert.Equal(sign, Read(language, text).Findings.Count > 0);

    /// <summary>Sayings and settling found in unseen-22 (2026-12-06), beside the sign they must not hide.</summary>
    [Theory]
    [InlineData("en", "i'm after falling off the step", true)]
    [InlineData("en", "i've fallen a bit behind with the exercise diary", false)]
    [InlineData("en", "my head's spinning with all these appointment letters", false)]
    [InlineData("en", "my head is spinning and i feel sick", true)]
    [InlineData("es", "se me fue la luz y no pude ver el video", false)]
    [InlineData("es", "se me fue la luz y me caí al suelo", true)]
    [InlineData("es", "me da un infarto si veo otra vez la factura", false)]
    [InlineData("es", "estoy ahogadísima con la mudanza", false)]
    [InlineData("es", "me ahogo, no puedo respirar", true)]
    [InlineData("es", "la herida estaba roja pero ahora está perfecta", false)]
    [InlineData("es", "la herida está roja y caliente", true)]
    public void A_saying_or_a_settled_wound_is_not_a_sign(string language, string text, bool sign) =>
        Assert.Equal(sign, Read(language, text).Findings.Count > 0);

    /// <summary>
    /// Wordings the blind sets of 2026-12-07 found, each beside the near miss it must not become: unseen-23 (a knee that "se
    /// aflojó", a Spanish "ni" that denies the next item, a husband's mate), unseen-24 (a relative who collapsed, "coldsweat",
    /// a knee that "went on me", Scots "nae"), unseen-25 and 26 (dictated "feint", a relative found on the floor, "yeyo", "ate it
    /// on the ice", teammates and coaches, "7/1o"), unseen-27 and 28 (a score given to the chest, "solo lo del pecho", a foot
    /// that "feels like it's not mine", scores said with when they hurt, "no sign of"), unseen-29 and 30 ("una caidita", a relative
    /// who went limp, words mixed up, "atenazado", a room that tilts, "like ants crawling", a prosthesis that "se me ha doblado"), unseen-31 and 32 (a missed stair, "se le fue la rodilla", "a bit of a spill", a kid at the park).
    /// </summary>
    [Theory]
    [InlineData("es", "se me aflojó la rodilla pero me agarré de la mesa", UrgencyTier.TherapistReview)]
    [InlineData("es", "el hombro me subió a 6 con los ejercicios de pared", UrgencyTier.TherapistReview)]
    [InlineData("es", "no me desmayé ni me sentí a punto de desmayarme", UrgencyTier.None)]
    [InlineData("es", "no tengo las piernas dormidas ni los pies con hormigueo", UrgencyTier.None)]
    [InlineData("es", "no me duele ni la rodilla, pero tengo hormigueo en el pie", UrgencyTier.SameDay)]
    [InlineData("es", "desmayos nada de nada", UrgencyTier.None)]
    [InlineData("es", "desmayo, nada grave creo", UrgencyTier.Emergency)]
    [InlineData("es", "me tambaleo en el de equilibrio pero lo terminé", UrgencyTier.None)]
    [InlineData("es", "me tambaleo en el ejercicio y me mareo", UrgencyTier.SameDay)]
    [InlineData("en", "my husband's mate fell off a ladder, awful news", UrgencyTier.None)]
    [InlineData("en", "my husband fell off a ladder", UrgencyTier.TherapistReview)]
    [InlineData("en", "slipped behind on the programme this week sorry", UrgencyTier.None)]
    [InlineData("en", "slipped on the ice", UrgencyTier.TherapistReview)]
    [InlineData("en", "mum just collapsed in the lounge and isnt answering me", UrgencyTier.Emergency)]
    [InlineData("en", "my knee collapsed in the kitchen", UrgencyTier.TherapistReview)]
    [InlineData("en", "coldsweat and lite headed", UrgencyTier.Emergency)]
    [InlineData("en", "jaw and arm akeing", UrgencyTier.Emergency)]
    [InlineData("en", "having giddiness since morning, kindly suggest", UrgencyTier.SameDay)]
    [InlineData("en", "mum finished all 10 reps and is having a cuppa", UrgencyTier.None)]
    [InlineData("en", "my knee went on me twice today", UrgencyTier.TherapistReview)]
    [InlineData("en", "nae dizziness, nae sickness, aw fine", UrgencyTier.None)]
    [InlineData("en", "couldnt breathe for laughing at the telly", UrgencyTier.None)]
    [InlineData("en", "my mates dad had a stroke, sad news", UrgencyTier.None)]
    [InlineData("en", "my dad had a stroke", UrgencyTier.Emergency)]
    [InlineData("es", "se me arranca el corazón a ratos", UrgencyTier.SameDay)]
    [InlineData("es", "se me fue el tobillo en la vereda", UrgencyTier.TherapistReview)]
    [InlineData("es", "¿qué hago si se me vuelve a ir la rodilla?", UrgencyTier.TherapistReview)]
    [InlineData("es", "me saqué la cresta en la micro, estoy bien igual", UrgencyTier.TherapistReview)]
    [InlineData("es", "sin náuseas, desayuné bien", UrgencyTier.None)]
    [InlineData("es", "no sentí ganas de vomitar", UrgencyTier.None)]
    [InlineData("es", "no sentí nada raro pero vomité dos veces", UrgencyTier.TherapistReview)]
    [InlineData("en", "i feel feint and wobbly", UrgencyTier.Emergency)]
    [InlineData("en", "my leg is nunb", UrgencyTier.SameDay)]
    [InlineData("en", "found dad on the bathroom floor this morning", UrgencyTier.TherapistReview)]
    [InlineData("es", "encontré a mi padre en el suelo del baño", UrgencyTier.TherapistReview)]
    [InlineData("en", "my sister up north has had dizzy spells", UrgencyTier.None)]
    [InlineData("en", "the cat knocked my tablets off and they fell everywhere", UrgencyTier.None)]
    [InlineData("es", "me dio un yeyo en la guagua", UrgencyTier.Emergency)]
    [InlineData("es", "me dio un soponcio al levantarme", UrgencyTier.Emergency)]
    [InlineData("en", "ate it on the ice this morning, all good tho", UrgencyTier.TherapistReview)]
    [InlineData("en", "i fall for bathroom this morning o, but i dey okay", UrgencyTier.TherapistReview)]
    [InlineData("en", "i feel off my bike this morning", UrgencyTier.TherapistReview)]
    [InlineData("en", "my teammate fell hard in the match today", UrgencyTier.None)]
    [InlineData("en", "my gym buddy's knee gave out on squats, not mine", UrgencyTier.None)]
    [InlineData("en", "swelling round the ankle is way down now", UrgencyTier.None)]
    [InlineData("en", "stitches came out today, looks clean", UrgencyTier.None)]
    [InlineData("en", "the stitches came out and the wound is oozing", UrgencyTier.SameDay)]
    [InlineData("es", "este entreno me mató jaja", UrgencyTier.None)]
    [InlineData("es", "a mi entrenador le falló la rodilla", UrgencyTier.None)]
    [InlineData("es", "estoy ahogado de chamba", UrgencyTier.None)]
    [InlineData("es", "fiebre del mundial", UrgencyTier.None)]
    [InlineData("en", "pain 7/1o", UrgencyTier.TherapistReview)]
    [InlineData("en", "rate 0-10? chest is about a 7", UrgencyTier.Emergency)]
    [InlineData("es", "del 0 al 10 el pecho un 8", UrgencyTier.Emergency)]
    [InlineData("es", "solo lo del pecho, como un nudo que aprieta", UrgencyTier.Emergency)]
    [InlineData("en", "the chest press is 8 reps", UrgencyTier.None)]
    [InlineData("en", "my foot feels like it's not mine", UrgencyTier.SameDay)]
    [InlineData("es", "noto que la habitación se mueve unos segundos", UrgencyTier.SameDay)]
    [InlineData("es", "la pierna se mueve bien", UrgencyTier.None)]
    [InlineData("en", "only the sickness, nothing else", UrgencyTier.TherapistReview)]
    [InlineData("en", "not dizzy, but i did fall on the stairs", UrgencyTier.TherapistReview)]
    [InlineData("en", "i did fall behind a bit", UrgencyTier.None)]
    [InlineData("en", "eight when i put weight on it", UrgencyTier.TherapistReview)]
    [InlineData("en", "started at 3 but went up to 6 by the end", UrgencyTier.TherapistReview)]
    [InlineData("es", "empezó en 2 y ha subido a 7", UrgencyTier.TherapistReview)]
    [InlineData("en", "my reps went up to 15", UrgencyTier.None)]
    [InlineData("en", "i think i might chuck after the breathing class", UrgencyTier.TherapistReview)]
    [InlineData("es", "me flaqueó la rodilla al bajar", UrgencyTier.TherapistReview)]
    [InlineData("en", "no sign of a fever with the baby or me", UrgencyTier.None)]
    [InlineData("en", "dizzy heights of 20 squats now haha", UrgencyTier.None)]
    [InlineData("es", "qué mareo de horarios, ¿cuándo me toca?", UrgencyTier.None)]
    [InlineData("es", "qué mareo tengo", UrgencyTier.SameDay)]
    [InlineData("es", "¿la almeja se hace con las rodillas dobladas?", UrgencyTier.None)]
    [InlineData("es", "tuve una caidita pero me levanté sola", UrgencyTier.TherapistReview)]
    [InlineData("es", "no me caí, solo me senté de golpe", UrgencyTier.None)]
    [InlineData("en", "the cat knocked a glass off, it fell and smashed", UrgencyTier.None)]
    [InlineData("es", "me encanta la caída de las hojas en otoño", UrgencyTier.None)]
    [InlineData("en", "mum just went limp in the chair and wont answer me", UrgencyTier.Emergency)]
    [InlineData("en", "my partner says im not making sense and mixing up my words", UrgencyTier.Emergency)]
    [InlineData("es", "sudando frío y sin poder recuperar el aliento", UrgencyTier.Emergency)]
    [InlineData("es", "tengo el pecho como atenazado desde que caminé", UrgencyTier.Emergency)]
    [InlineData("en", "the room tilts when i roll over in bed", UrgencyTier.SameDay)]
    [InlineData("en", "went swimming, everything was great", UrgencyTier.None)]
    [InlineData("en", "what should i do if i get a temperature?", UrgencyTier.SameDay)]
    [InlineData("en", "feels like ants crawling inside my shin", UrgencyTier.SameDay)]
    [InlineData("es", "fallé el último escalón y salí volando", UrgencyTier.TherapistReview)]
    [InlineData("es", "la prótesis de rodilla se me ha doblado dos veces hoy", UrgencyTier.TherapistReview)]
    [InlineData("es", "la rodilla doblada a 90 grados", UrgencyTier.None)]
    [InlineData("es", "en ningún momento me sentí desmayar", UrgencyTier.None)]
    [InlineData("en", "had a fever a few months back, all gone", UrgencyTier.None)]
    [InlineData("es", "la pelota se fue rodando debajo de la cama", UrgencyTier.None)]
    [InlineData("en", "missed the last stair and went down", UrgencyTier.TherapistReview)]
    [InlineData("en", "i went down to the shop", UrgencyTier.None)]
    [InlineData("es", "¿qué hago si me vuelvo a caer?", UrgencyTier.TherapistReview)]
    [InlineData("es", "a mi marido se le fue la rodilla al bajar del bus", UrgencyTier.TherapistReview)]
    [InlineData("en", "ankle swelling much less than last week", UrgencyTier.None)]
    [InlineData("en", "the book i was reading fell off the shelf", UrgencyTier.None)]
    [InlineData("en", "had a bit of a spill in the garden", UrgencyTier.TherapistReview)]
    [InlineData("en", "a kid at the park fell off his bike", UrgencyTier.None)]
    [InlineData("en", "a man knocked into me and i fell", UrgencyTier.TherapistReview)]
    [InlineData("es", "la pelota de pilates se cayó y rodó debajo de la cama", UrgencyTier.None)]
    [InlineData("en", "think im going to chunder, cold sweat all over", UrgencyTier.Emergency)]
    [InlineData("es", "tengo el pecho trancado desde hace un rato", UrgencyTier.Emergency)]
    [InlineData("en", "my heart keeps bumping about", UrgencyTier.SameDay)]
    [InlineData("es", "esta mañana me dio un vaguido", UrgencyTier.SameDay)]
    [InlineData("en", "checked with the thermometer and i measured 39", UrgencyTier.SameDay)]
    [InlineData("en", "the dog yanked me down on the path", UrgencyTier.TherapistReview)]
    [InlineData("en", "i went down once while doing the step ups", UrgencyTier.TherapistReview)]
    [InlineData("es", "eché la pota al terminar", UrgencyTier.TherapistReview)]
    [InlineData("en", "the shelf gave way and the tins came down", UrgencyTier.None)]
    [InlineData("en", "stroking the dog after my walk", UrgencyTier.None)]
    [InlineData("en", "the man next to me in the class fell over", UrgencyTier.None)]
    [InlineData("en", "nearly had a heart attack when i saw the price", UrgencyTier.None)]
    [InlineData("en", "forecast says 39 tomorrow, walking early", UrgencyTier.None)]
    [InlineData("en", "the exercises are boring", UrgencyTier.None)]
    [InlineData("es", "me cayó mal lo que dijo el médico", UrgencyTier.None)]
    [InlineData("es", "el portero del edificio se cayó en la entrada", UrgencyTier.None)]
    [InlineData("es", "me da vueltas el tema del trabajo", UrgencyTier.None)]
    [InlineData("es", "me quedé sin aliento con la noticia", UrgencyTier.None)]
    [InlineData("en", "my knee went from under me on the stairs", UrgencyTier.TherapistReview)]
    [InlineData("es", "la rodilla ya dobla hasta 90 grados", UrgencyTier.None)]
    [InlineData("es", "estaba en el baño y de repente no mueve la pierna derecha", UrgencyTier.Emergency)]
    [InlineData("es", "mi padre de repente no puede ablar bien", UrgencyTier.Emergency)]
    [InlineData("en", "his pressure sore has started weeping", UrgencyTier.SameDay)]
    [InlineData("es", "desde el ictus de esta mañana no puede hablar", UrgencyTier.Emergency)]
    [InlineData("es", "estoy mareada desde el martes", UrgencyTier.SameDay)]
    [InlineData("es", "camina más lento desde el ictus, pero va bien", UrgencyTier.None)]
    [InlineData("en", "she walks slower since her stroke but she enjoys the class", UrgencyTier.None)]
    [InlineData("en", "a man at my walking group had a stroke last month", UrgencyTier.None)]
    [InlineData("en", "house prices fell again", UrgencyTier.None)]
    [InlineData("es", "la muleta se cayó al suelo", UrgencyTier.None)]
    [InlineData("es", "no me ha vuelto el mareo", UrgencyTier.None)]
    [InlineData("en", "chestpain since lunch", UrgencyTier.Emergency)]
    [InlineData("es", "medueleelpecho desde hace un rato", UrgencyTier.Emergency)]
    [InlineData("en", "shortofbreath after the walk", UrgencyTier.SameDay)]
    [InlineData("es", "mefalta el aire al subir", UrgencyTier.SameDay)]
    [InlineData("en", "my chest is fine today", UrgencyTier.None)]
    [InlineData("es", "el doctor dice que la herida está infectada", UrgencyTier.SameDay)]
    [InlineData("es", "el portero me ayudó a levantarme cuando me caí", UrgencyTier.TherapistReview)]
    [InlineData("en", "my ticker is playing up and i feel giddy", UrgencyTier.Emergency)]
    [InlineData("en", "had a bit of a do with my heart this morning", UrgencyTier.SameDay)]
    [InlineData("en", "i have to stop for breath on the stairs now", UrgencyTier.SameDay)]
    [InlineData("en", "went down like a sack of spuds by the shed", UrgencyTier.TherapistReview)]
    [InlineData("en", "the nurse found him on the floor by his bed", UrgencyTier.TherapistReview)]
    [InlineData("en", "knee gaveway on the step", UrgencyTier.TherapistReview)]
    [InlineData("en", "the ankle fail me again on the stairs", UrgencyTier.TherapistReview)]
    [InlineData("en", "sick of the rain", UrgencyTier.None)]
    [InlineData("en", "the stroke of noon and i was done", UrgencyTier.None)]
    [InlineData("en", "my hearing is not what it was", UrgencyTier.None)]
    [InlineData("en", "not a hint of dizziness today", UrgencyTier.None)]
    [InlineData("en", "my feet are warm now after the walk", UrgencyTier.None)]
    [InlineData("en", "my son in law fell off his bike", UrgencyTier.None)]
    [InlineData("es", "la señora Pilar tiene la cara torcida desde la comida", UrgencyTier.Emergency)]
    [InlineData("es", "a mi padre le dio un telele y se quedó sin conocimiento", UrgencyTier.Emergency)]
    [InlineData("es", "me sigue doliendo el pecho al subir", UrgencyTier.Emergency)]
    [InlineData("es", "tengo un pain en el chest muy fuerte", UrgencyTier.Emergency)]
    [InlineData("es", "de golpe se me fue la fuerza del brazo y la pierna del mismo lado", UrgencyTier.Emergency)]
    [InlineData("es", "el corazón agitado y me siento mareada", UrgencyTier.Emergency)]
    [InlineData("es", "se le va la cabeza al levantarse", UrgencyTier.SameDay)]
    [InlineData("es", "la wound está infected", UrgencyTier.SameDay)]
    [InlineData("es", "sudé frío toda la noche", UrgencyTier.SameDay)]
    [InlineData("es", "encontraron a mi madre tirada en el suelo del baño", UrgencyTier.TherapistReview)]
    [InlineData("es", "my knee se dobló en la escalera", UrgencyTier.TherapistReview)]
    [InlineData("es", "me dejó sin aliento el concierto", UrgencyTier.None)]
    [InlineData("es", "me caí del guindo cuando lo vi", UrgencyTier.None)]
    [InlineData("es", "creí que tenía fiebre pero marcó 36,5", UrgencyTier.None)]
    [InlineData("en", "temp was 100.8°F last night", UrgencyTier.SameDay)]
    [InlineData("en", "98.2°F this morning, all normal", UrgencyTier.None)]
    [InlineData("es", "esta mañana 38,4°C", UrgencyTier.SameDay)]
    [InlineData("en", "i cant lift my arm past my shoulder yet, the surgeon expected that", UrgencyTier.None)]
    [InlineData("es", "aún no puedo levantar el brazo del todo tras la operación del hombro", UrgencyTier.None)]
    [InlineData("en", "all of a sudden i cant lift my arm", UrgencyTier.Emergency)]
    [InlineData("en", "my words came out jumbled on the phone just now", UrgencyTier.Emergency)]
    [InlineData("es", "me está doliendo la quijada y el brazo izquierdo", UrgencyTier.Emergency)]
    [InlineData("en", "the ache moved into my chest", UrgencyTier.Emergency)]
    [InlineData("es", "el corazón a mil y siento que me caigo redondo", UrgencyTier.Emergency)]
    [InlineData("es", "mi madre dice que se le duerme el pie", UrgencyTier.SameDay)]
    [InlineData("en", "wiped out on my bike on the way home", UrgencyTier.TherapistReview)]
    [InlineData("es", "me di un piñazo con la bici", UrgencyTier.TherapistReview)]
    [InlineData("en", "fever? no. chills? also no", UrgencyTier.None)]
    [InlineData("en", "world cup fever in our house", UrgencyTier.None)]
    [InlineData("en", "the dressing fell off when i showered", UrgencyTier.None)]
    [InlineData("es", "me estoy ahogando en papeles del seguro", UrgencyTier.None)]
    [InlineData("es", "me estás mareando con tanto horario", UrgencyTier.None)]
    [InlineData("en", "my back always aches but today its my chest, heavy like a weight", UrgencyTier.Emergency)]
    [InlineData("es", "la espalda siempre me duele, pero hoy es el pecho, como apretado", UrgencyTier.Emergency)]
    [InlineData("en", "chest pain? not quite sure, maybe indigestion", UrgencyTier.Emergency)]
    [InlineData("es", "ninguna menos el mareo", UrgencyTier.SameDay)]
    [InlineData("es", "la cicatriz está manchando la gasa de amarillo", UrgencyTier.SameDay)]
    [InlineData("en", "had a temp overnight, gone now", UrgencyTier.SameDay)]
    [InlineData("es", "en la sentadilla se me vino abajo la rodilla", UrgencyTier.TherapistReview)]
    [InlineData("en", "the usual 7 this morning", UrgencyTier.TherapistReview)]
    [InlineData("en", "my mam was giving out to me about the exercises", UrgencyTier.None)]
    [InlineData("es", "voy a buscar el pan y vuelvo", UrgencyTier.None)]
    [InlineData("en", "a man at my work fainted on the bus", UrgencyTier.None)]
    [InlineData("es", "los sofocos de la menopausia me tienen agotada", UrgencyTier.None)]
    [InlineData("es", "el calor me mata hoy", UrgencyTier.None)]
    [InlineData("en", "blood sugar 6.4 before lunch", UrgencyTier.None)]
    [InlineData("es", "la glucosa en 5,6 esta mañana", UrgencyTier.None)]
    [InlineData("en", "id say 6.5 after 10 reps", UrgencyTier.TherapistReview)]
    [InlineData("en", "nobody noticed when i fainted in the kitchen", UrgencyTier.Emergency)]
    [InlineData("es", "me siento negativa y mareada", UrgencyTier.SameDay)]
    [InlineData("en", "found my glasses on the floor by the bed", UrgencyTier.None)]
    [InlineData("en", "the cold has gone to my chest", UrgencyTier.None)]
    [InlineData("es", "hoy es el día de pecho en el gimnasio", UrgencyTier.None)]
    [InlineData("en", "the bag split, nobody was hurt", UrgencyTier.None)]
    [InlineData("en", "went all clammy in the queue and the shop was spinning", UrgencyTier.Emergency)]
    [InlineData("en", "calf swollen and a bit sob walking to the car", UrgencyTier.Emergency)]
    [InlineData("en", "heart going haywire and my head feels light", UrgencyTier.Emergency)]
    [InlineData("en", "heart pounding and i think im going to pass ot", UrgencyTier.Emergency)]
    [InlineData("es", "de repente hablo chueco", UrgencyTier.Emergency)]
    [InlineData("es", "vi doble un rato esta tarde", UrgencyTier.Emergency)]
    [InlineData("es", "el corazón a toda pastilla y mareada", UrgencyTier.Emergency)]
    [InlineData("es", "me sale líquido por un agujerito de la rodilla", UrgencyTier.SameDay)]
    [InlineData("es", "se han soltado dos grapas de la herida", UrgencyTier.SameDay)]
    [InlineData("en", "came off my bike on the lane this morning", UrgencyTier.TherapistReview)]
    [InlineData("es", "se me fue la rodilla en la escalera", UrgencyTier.TherapistReview)]
    [InlineData("en", "negative on dizziness", UrgencyTier.None)]
    [InlineData("en", "a client at the salon fainted today", UrgencyTier.None)]
    [InlineData("en", "my partners dad had a stroke last week", UrgencyTier.None)]
    [InlineData("en", "i had a stroke in 2018, doing well since", UrgencyTier.None)]
    [InlineData("es", "tuve un infarto en 2016, ahora bien", UrgencyTier.None)]
    [InlineData("es", "tuve un ictus en 2017 y hace un rato se me durmió media cara", UrgencyTier.Emergency)]
    [InlineData("en", "a man in my balance class fell over", UrgencyTier.None)]
    [InlineData("es", "ya se me fue el dolor de la rodilla", UrgencyTier.None)]
    [InlineData("es", "se me ha ido el dolor de la cadera con el hielo", UrgencyTier.None)]
    [InlineData("es", "la rodilla se me ha ido mejorando con los ejercicios", UrgencyTier.None)]
    [InlineData("es", "la rodilla se me fue hacia dentro al bajar el bordillo", UrgencyTier.TherapistReview)]
    [InlineData("en", "mum has been falling more than she used to", UrgencyTier.TherapistReview)]
    [InlineData("en", "i get light headed more than i used to", UrgencyTier.SameDay)]
    [InlineData("es", "me mareo mas que antes al agacharme", UrgencyTier.SameDay)]
    [InlineData("en", "i used to black out as a teenager", UrgencyTier.None)]
    [InlineData("en", "he keeps falling behind with his reps", UrgencyTier.None)]
    public void A_wording_from_a_blind_set_gets_its_tier(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(new PainTriageOptions()));

    /// <summary>
    /// A list of signs answered at its end: an answer that denies the whole list ("none of those") denies every item, and
    /// so does any denial after a row of questions; a bare "no" after a statement answers only its own question.
    /// </summary>
    [Theory]
    [InlineData("en", "fever, chills, swollen calf: none of those", UrgencyTier.None)]
    [InlineData("en", "chest pain, dizziness? none of the above", UrgencyTier.None)]
    [InlineData("en", "fainting? chest pain? calf pain? no", UrgencyTier.None)]
    [InlineData("es", "fiebre, mareos, dolor en el pecho: nada de eso", UrgencyTier.None)]
    [InlineData("es", "¿mareos? ¿fiebre? ¿gemelo hinchado? ninguna de esas", UrgencyTier.None)]
    [InlineData("en", "dizzy since lunch, fever? no", UrgencyTier.SameDay)]
    [InlineData("en", "chest pain, fever? no", UrgencyTier.Emergency)]
    [InlineData("en", "i feel dizzy, chest pain? none of those", UrgencyTier.SameDay)]
    [InlineData("es", "me mareo al levantarme, ¿fiebre? no", UrgencyTier.SameDay)]
    [InlineData("es", "me duele el pecho. ¿mareos? ¿fiebre? no", UrgencyTier.Emergency)]
    public void A_list_answered_at_its_end_is_denied_as_a_whole_only_when_the_answer_says_so(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(new PainTriageOptions()));

    /// <summary>An emoji of the lexicon's <c>emojiWords</c> is read as its words; any other still ends a sentence.</summary>
    [Theory]
    [InlineData("en", "🤢🤮 after the session", UrgencyTier.TherapistReview)]
    [InlineData("en", "my ❤ is racing", UrgencyTier.SameDay)]
    [InlineData("en", "my ❤️ is racing", UrgencyTier.SameDay)]
    [InlineData("en", "feeling 😵‍💫", UrgencyTier.SameDay)]
    [InlineData("es", "el ❤️ me late a mil sin hacer nada", UrgencyTier.SameDay)]
    [InlineData("en", "thanks ❤️❤️ see you tomorrow", UrgencyTier.None)]
    [InlineData("es", "gracias ❤️", UrgencyTier.None)]
    [InlineData("en", "chest pain? no 👍 all good", UrgencyTier.None)]
    public void An_emoji_that_says_a_word_is_read_as_it(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(new PainTriageOptions()));

    [Fact]
    public void A_finding_names_the_words_that_matched() =>
        Assert.Equal("chest really hurts", Assert.Single(Read("en", "oh my chest really hurts now").Findings).Words);
}
