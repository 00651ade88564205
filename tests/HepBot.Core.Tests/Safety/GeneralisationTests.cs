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

    [Theory]
    [InlineData("en", "the chesty bit of me feels all squeezed", SymptomFinding.ChestPain)]
    [InlineData("en", "my chess is so heavy i had to sit down", SymptomFinding.ChestPain)]
    [InlineData("es", "me pincha muchísimo el pecho al agacharme", SymptomFinding.ChestPain)]
    [InlineData("es", "el pechu me aprieta desde hace un rato", SymptomFinding.ChestPain)]
    [InlineData("en", "out of nowhere my left hand wont grip the cup", SymptomFinding.StrokeSigns)]
    [InlineData("en", "suddenly my leg just flopped, wont do what i tell it", SymptomFinding.StrokeSigns)]
    [InlineData("es", "de un momento a otro la pierna derecha no me responde", SymptomFinding.StrokeSigns)]
    [InlineData("es", "se me durmió la boca de golpe", SymptomFinding.StrokeSigns)]
    [InlineData("en", "went out cold by the back door", SymptomFinding.Fainting)]
    [InlineData("es", "se me fue la luz y acabé en el sillón", SymptomFinding.Fainting)]
    [InlineData("es", "pierdo el conocimiento a ratos", SymptomFinding.Fainting)]
    [InlineData("en", "came a cropper on the garden path", SymptomFinding.Fall)]
    [InlineData("en", "went down in the bathroom, no harm done", SymptomFinding.Fall)]
    [InlineData("en", "went down with a bump by the back door", SymptomFinding.Fall)]
    [InlineData("es", "me fui de bruces al salir del portal", SymptomFinding.Fall)]
    [InlineData("es", "me pegué un costalazo bajando del autobús", SymptomFinding.Fall)]
    [InlineData("es", "el tobillo no me sostiene al bajar", SymptomFinding.JointGivingWay)]
    [InlineData("es", "la rodilla se me va para dentro al girar", SymptomFinding.JointGivingWay)]
    [InlineData("es", "me agito nada más subir la cuesta", SymptomFinding.Breathlessness)]
    [InlineData("es", "al girarme me dio vueltas todo el cuarto", SymptomFinding.Dizziness)]
    [InlineData("es", "tengo la pantorrilla colorada y calentita", SymptomFinding.CalfSwelling)]
    [InlineData("es", "se me queda dormida la mano al hacer el puente", SymptomFinding.NewNumbness)]
    [InlineData("es", "noto para pitaciones de nuevo", SymptomFinding.Palpitations)]
    public void A_sign_is_heard_in_the_other_words_of_its_family(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "my knee gav out on the stairs", SymptomFinding.JointGivingWay)]
    [InlineData("es", "me falta el aere al subir", SymptomFinding.Breathlessness)]
    [InlineData("en", "i'm sooo dizzzzy", SymptomFinding.Dizziness)]
    [InlineData("es", "me he caaaido en la ducha", SymptomFinding.Fall)]
    [InlineData("es", "me cay en la ducha", SymptomFinding.Fall)]
    [InlineData("es", "creo que tengo fiebre", SymptomFinding.Fever)]
    public void Slips_in_short_words_tripled_letters_and_spelling_by_ear_are_read(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "gav it a go")]
    [InlineData("es", "el aere libre me sienta bien")]
    [InlineData("en", "im staying in, its raining")]
    [InlineData("en", "back behind the wheel next week")]
    [InlineData("es", "creo que sí, mañana sigo")]
    public void A_short_word_takes_a_slip_only_inside_its_phrase_and_everyday_words_are_never_slips(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("es", "la rodilla me duele como un zinco", 5)]
    [InlineData("es", "me duele la rodilla, un siette", 7)]
    [InlineData("en", "pain 8 outa 10 in my hip", 8)]
    [InlineData("en", "my hip is sitting at 7 today", 7)]
    public void Pain_numbers_are_read_by_ear_and_beside_a_body_part(string language, string text, int? score) =>
        Assert.Equal(score, Read(language, text).Pain?.Score);

    [Theory]
    [InlineData("en", "my grandson fell off the swing")]
    [InlineData("en", "the cat fell off the shelf")]
    [InlineData("en", "the remote fell behind the sofa")]
    [InlineData("en", "watched a documentary on heart attacks")]
    [InlineData("es", "mi nieta se cayó en el parque")]
    [InlineData("es", "vi un reportaje sobre el ictus")]
    [InlineData("es", "se me cayeron las gafas al agacharme")]
    [InlineData("es", "mi perro se marea en el coche")]
    public void Signs_of_grandchildren_pets_programmes_and_things_are_not_the_patients(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "i used to faint when i gave blood")]
    [InlineData("en", "when she was little my daughter got dizzy spells")]
    [InlineData("en", "dvt after my op ages ago, no trouble since")]
    [InlineData("es", "solía tener palpitaciones de joven")]
    [InlineData("es", "cero mareos hoy")]
    [InlineData("en", "went out like a light last night, slept till nine")]
    [InlineData("en", "landed on my feet with the new job")]
    public void Past_habits_sayings_and_denials_by_zero_raise_nothing(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "i used to get dizzy and now it's back", SymptomFinding.Dizziness)]
    [InlineData("en", "the dog pulled me over and i fell", SymptomFinding.Fall)]
    [InlineData("es", "solía marearme y hoy otra vez", SymptomFinding.Dizziness)]
    [InlineData("es", "se me cayó el bastón y me caí yo también", SymptomFinding.Fall)]
    [InlineData("en", "not used to these yet and my chest feels tight", SymptomFinding.ChestPain)]
    [InlineData("en", "getting used to the routine but i keep feeling faint", SymptomFinding.Fainting)]
    public void The_patients_own_sign_is_still_heard_beside_a_habit_a_pet_or_a_thing(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "the physio asked whether i get dizzy or short of breath, no to either")]
    [InlineData("en", "doctor checked if i had any calf swelling or fever: none")]
    [InlineData("es", "la doctora me preguntó si tenía fiebre o mareos, ninguno")]
    [InlineData("en", "my wife wanted to know if i'd passed out, i hadn't, i was just resting my eyes")]
    [InlineData("es", "mi nieta me preguntó si tenía fiebre y no, estoy bien")]
    [InlineData("en", "nurse's list: breathless? a: no 🙂 fine")]
    [InlineData("en", "q: dizzy at all? a: nope")]
    [InlineData("es", "p: ¿fiebre? r: no")]
    [InlineData("es", "¿sangra la herida? no 👌 seca del todo")]
    public void A_reported_question_answered_with_a_denial_raises_nothing(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "the nurse asked if i had chest pain, yes since this morning", SymptomFinding.ChestPain)]
    [InlineData("es", "me pregunto si será un coágulo, no sé, tengo el gemelo hinchado", SymptomFinding.CalfSwelling)]
    [InlineData("en", "the physio asked if my chest hurt or not, it does a bit", SymptomFinding.ChestPain)]
    [InlineData("en", "the doctor asked if the chest pain was new and i said no", SymptomFinding.ChestPain)]
    [InlineData("es", "mi hijo me preguntó si me dolía el pecho o no y sí, me duele", SymptomFinding.ChestPain)]
    [InlineData("en", "not great 😣 chest feels tight", SymptomFinding.ChestPain)]
    [InlineData("en", "q: any chest pain? a: yes a bit", SymptomFinding.ChestPain)]
    public void A_reported_question_answered_otherwise_is_still_the_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "the whole room went round when i got up from the mat", SymptomFinding.Dizziness)]
    [InlineData("en", "the ceiling is tilting", SymptomFinding.Dizziness)]
    [InlineData("en", "my pulse is doing somersaults", SymptomFinding.Palpitations)]
    [InlineData("en", "the plaster over my scar is soaked with blood", SymptomFinding.WoundProblem)]
    [InlineData("en", "the edges of the incision are gaping", SymptomFinding.WoundProblem)]
    [InlineData("en", "my hand's gone to sleep", SymptomFinding.NewNumbness)]
    [InlineData("en", "my shin is still red and hot", SymptomFinding.CalfSwelling)]
    [InlineData("en", "slid off the bed and ended up on the floor", SymptomFinding.Fall)]
    [InlineData("en", "went sprawling over the rug", SymptomFinding.Fall)]
    [InlineData("en", "i feel a bit green after the bike", SymptomFinding.Nausea)]
    [InlineData("en", "woke up not knowing where i was on the bathroom floor", SymptomFinding.Fainting)]
    [InlineData("es", "me cuesta tomar aire al subir la cuesta", SymptomFinding.Breathlessness)]
    [InlineData("es", "mi marido no puede coger aire", SymptomFinding.SevereBreathlessness)]
    [InlineData("es", "se le estan poniendo los labios morados", SymptomFinding.SevereBreathlessness)]
    [InlineData("es", "el pulso se me disparo en la bici", SymptomFinding.Palpitations)]
    [InlineData("es", "tengo la mano como de corcho", SymptomFinding.NewNumbness)]
    [InlineData("es", "no puedo levantar el brazo derecho", SymptomFinding.StrokeSigns)]
    [InlineData("es", "mi madre se fue de espaldas en la ducha", SymptomFinding.Fall)]
    [InlineData("es", "la rodilla se me tuerce al bajar escaleras", SymptomFinding.JointGivingWay)]
    [InlineData("en", "i get puffed on the way back from the shops now", SymptomFinding.Breathlessness)]
    [InlineData("en", "bit short of wind on the hill today", SymptomFinding.Breathlessness)]
    [InlineData("en", "my husband was sick after his tea, i mean i was, sorry", SymptomFinding.Nausea)]
    [InlineData("es", "mi madre se privó en la cocina", SymptomFinding.Fainting)]
    [InlineData("es", "la costura de la rodilla supura", SymptomFinding.WoundProblem)]
    [InlineData("es", "se me entumió el pie en el coche", SymptomFinding.NewNumbness)]
    [InlineData("es", "ayer tuve 38 y medio por la tarde", SymptomFinding.Fever)]
    [InlineData("es", "al andar la rodilla se me va", SymptomFinding.JointGivingWay)]
    [InlineData("es", "ayer guacareé dos veces", SymptomFinding.Nausea)]
    public void New_wordings_of_a_sign_are_heard(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "the lamp fell over in the night")]
    [InlineData("en", "my stool tipped over while i was tidying")]
    [InlineData("en", "i fell down a rabbit hole of cooking videos")]
    [InlineData("en", "the kids next door fainted from excitement at the fair")]
    [InlineData("en", "my cousin has a fever, hope he is better soon")]
    [InlineData("en", "on the radio today they talked about strokes")]
    [InlineData("en", "dizzy? not once")]
    [InlineData("en", "i had angina back when i was working, nothing since")]
    [InlineData("es", "se cayo la maceta del balcon")]
    [InlineData("es", "me caigo de cansancio, pero ejercicios hechos")]
    [InlineData("es", "estoy mareada de tantos tramites")]
    [InlineData("es", "me quede sin aliento al oir el precio")]
    [InlineData("es", "me ahogo en facturas este mes")]
    [InlineData("es", "mi cuñada tiene fiebre")]
    [InlineData("es", "vi un video de gente que se desmaya")]
    [InlineData("es", "el marco de la ventana esta roto")]
    [InlineData("es", "¿mareos? para nada")]
    [InlineData("en", "my crutch fell over in the hall")]
    [InlineData("en", "in the soap opera the doctor collapsed with a heart attack")]
    [InlineData("en", "the bruise on my shin has nearly gone")]
    [InlineData("es", "la serie de anoche, al protagonista le dio un ictus")]
    [InlineData("es", "la final estuvo de infarto")]
    [InlineData("es", "casi me da un infarto al ver la cuenta del taller")]
    [InlineData("es", "la hinchazón de la pantorrilla ya se fue")]
    [InlineData("es", "anoche dormí con una almohada entre las rodillas")]
    public void Falling_things_far_relatives_media_and_sayings_raise_nothing(string language, string text) =>
        Assert.True(Read(language, text).Findings.Count == 0,
            $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "id say 6.5 for the shoulder", 7)]
    [InlineData("es", "diría q 6,5 el hombro", 7)]
    [InlineData("en", "scale of 1 to 10 its a 4", 4)]
    [InlineData("en", "between 6 and 7 tbh", 7)]
    [InlineData("es", "entre 6 y 7 la verdad", 7)]
    [InlineData("en", "did 2.5 km on the bike", null)]
    [InlineData("en", "about 15 of them done", null)]
    public void A_decimal_a_range_and_a_named_scale_are_scores(string language, string text, int? score) =>
        Assert.Equal(score, Read(language, text).Pain?.Score);

    [Theory]
    [InlineData("en", "scale of 1 to 10 its an 11")]
    [InlineData("en", "my knee is a twelve today")]
    [InlineData("en", "its a 20 no joke")]
    [InlineData("es", "del 1 al 10 es un 11")]
    [InlineData("es", "la rodilla hoy esta en doce")]
    [InlineData("es", "un 20 sin exagerar")]
    public void A_number_above_the_scale_said_as_a_score_is_read_as_ten_and_confirmed(string language, string text)
    {
        var pain = Read(language, text).Pain;
        Assert.NotNull(pain);
        Assert.Equal(10, pain.Score);
        Assert.True(pain.OutOfScale, $"'{text}' was not marked out of scale");
    }

    [Theory]
    [InlineData("es", "tengo náuseas y estoy toda sudada pero fría", UrgencyTier.Emergency)]
    [InlineData("en", "feeling sick and all sweaty but cold", UrgencyTier.Emergency)]
    [InlineData("en", "no chest pain but dizzy", UrgencyTier.SameDay)]
    [InlineData("en", "dizzy? not once this week", UrgencyTier.None)]
    [InlineData("es", "¿mareos? no, ni uno", UrgencyTier.None)]
    public void A_last_word_after_but_finishes_its_sign_and_a_denial_answer_may_say_when(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "dizzy? no not at all", UrgencyTier.None)]
    [InlineData("en", "any chest pain? nope never", UrgencyTier.None)]
    [InlineData("en", "fell? no i didnt", UrgencyTier.None)]
    [InlineData("es", "¿mareada? no, para nada", UrgencyTier.None)]
    [InlineData("es", "¿dolor de pecho? no nunca", UrgencyTier.None)]
    [InlineData("en", "chest pain? no i didnt expect it to come back like this", UrgencyTier.Emergency)]
    [InlineData("es", "¿dolor de pecho? no se que es pero me aprieta mucho", UrgencyTier.Emergency)]
    public void Denials_in_a_row_are_one_short_answer_and_a_long_answer_is_not_a_denial(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "felt hot and next thing i know im on the floor", SymptomFinding.Fainting)]
    [InlineData("es", "me dio un calor y cuando me di cuenta estaba en el piso", SymptomFinding.Fainting)]
    [InlineData("es", "de repente se le cayo el brazo y no se le entiende al hablar", SymptomFinding.StrokeSigns)]
    [InlineData("es", "estoy medio ida, como en las nubes", SymptomFinding.Dizziness)]
    [InlineData("es", "siento que el corazon se me quiere salir", SymptomFinding.Palpitations)]
    [InlineData("es", "treinta y nueve y pico, tiritando", SymptomFinding.Fever)]
    [InlineData("es", "tengo el empeine dormido desde ayer", SymptomFinding.NewNumbness)]
    [InlineData("en", "the scar has a little hole and stuff comes out", SymptomFinding.WoundProblem)]
    public void A_sign_said_in_everyday_words_is_the_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "this workout is killing me haha")]
    [InlineData("en", "im numb to all these reminders")]
    [InlineData("es", "me ahogue de la risa con la peli")]
    [InlineData("es", "casi me da un infarto cuando sono el telefono")]
    public void A_saying_that_uses_a_signs_words_is_not_a_sign(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "short of breath and sweating buckets but i feel cold", UrgencyTier.Emergency)]
    [InlineData("es", "me falta el aire y estoy toda sudada pero estoy fria", UrgencyTier.Emergency)]
    [InlineData("en", "chest pain but i dont know why", UrgencyTier.Emergency)]
    [InlineData("en", "chest pain, but not now", UrgencyTier.Emergency)]
    [InlineData("en", "no chest pain but dizzy and tired", UrgencyTier.SameDay)]
    [InlineData("en", "so sweaty but cold and the room keeps spinning", UrgencyTier.Emergency)]
    [InlineData("es", "toda sudada pero fria y me mareo", UrgencyTier.Emergency)]
    [InlineData("en", "sweaty but not cold and i feel fine", UrgencyTier.None)]
    public void A_short_last_part_after_but_finishes_its_sign_and_a_denial_there_denies_nothing_before_it(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "went out like a light on the floor", SymptomFinding.Fainting)]
    [InlineData("en", "thermometer says thirty nine point one", SymptomFinding.Fever)]
    [InlineData("en", "unsteady and the floor feels like its moving", SymptomFinding.Dizziness)]
    [InlineData("es", "se me cae la comisura de la boca", SymptomFinding.StrokeSigns)]
    public void More_everyday_words_for_a_sign_are_the_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "i had a dvt back in 2019, all sorted")]
    [InlineData("en", "dead on my feet after the grandkids")]
    [InlineData("en", "the stitches came out and its healed nicely")]
    [InlineData("en", "pass out the biscuits")]
    [InlineData("es", "me duele el alma de ver las noticias")]
    public void History_a_healed_wound_and_sayings_are_not_signs(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "seven ish", 7)]
    [InlineData("en", "a 6 or so today", 6)]
    [InlineData("en", "my knee hurts, 5 or 6", 6)]
    [InlineData("es", "yo diria que siete mas o menos", 7)]
    [InlineData("es", "un 6 o asi", 6)]
    [InlineData("es", "me duele, entre 4 y 5", 5)]
    [InlineData("en", "did 3 sets of 10 or so", null)]
    [InlineData("es", "hice 2 o 3 series", null)]
    public void A_rough_score_and_the_top_of_a_range_are_scores(string language, string text, int? score) =>
        Assert.Equal(score, Read(language, text).Pain?.Score);

    [Theory]
    [InlineData("en", "chest pain? not sure", UrgencyTier.Emergency)]
    [InlineData("en", "dizzy? maybe, a little", UrgencyTier.SameDay)]
    [InlineData("es", "¿dolor en el pecho? no se, algo raro como un peso", UrgencyTier.Emergency)]
    [InlineData("es", "¿mareos? tal vez", UrgencyTier.SameDay)]
    [InlineData("en", "chest pain? no, none", UrgencyTier.None)]
    [InlineData("es", "¿mareos? no, nada", UrgencyTier.None)]
    public void Not_knowing_is_not_a_denial(string language, string text, UrgencyTier tier) =>
        Assert.Equal(tier, Read(language, text).Tier(Pain));

    [Theory]
    [InlineData("en", "any numbness? not that i noticed no")]
    [InlineData("en", "not that ive noticed any dizziness")]
    [InlineData("es", "¿mareos? no que yo sepa")]
    public void A_denial_of_what_one_noticed_is_a_denial(string language, string text) =>
        Assert.True(Read(language, text).Findings.Count == 0, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "sudden worst headache of my life", SymptomFinding.StrokeSigns)]
    [InlineData("en", "all of a sudden i cant see out of one eye", SymptomFinding.StrokeSigns)]
    [InlineData("en", "mum is confused and doesnt understand what we say", SymptomFinding.StrokeSigns)]
    [InlineData("es", "el peor dolor de cabeza de mi vida, de repente", SymptomFinding.StrokeSigns)]
    [InlineData("es", "mi madre no entiende lo que le decimos", SymptomFinding.StrokeSigns)]
    [InlineData("en", "my husband collapsed and was out for a few seconds", SymptomFinding.Fainting)]
    [InlineData("en", "everything went swimmy when i stood up", SymptomFinding.Dizziness)]
    [InlineData("es", "siento el corazon como si se me fuera a salir", SymptomFinding.Palpitations)]
    public void Headache_sight_confusion_and_blackout_words_are_the_sign(string language, string text, SymptomFinding expected) =>
        Assert.Contains(expected, Read(language, text).FindingSet);

    [Theory]
    [InlineData("en", "my aunt fainted while writing this for me")]
    [InlineData("es", "mi tia tiene la cara torcida")]
    public void An_aunt_or_uncle_may_write_for_the_patient(string language, string text) =>
        Assert.True(Read(language, text).Tier(Pain) == UrgencyTier.Emergency, $"'{text}' was not an emergency");

    [Theory]
    [InlineData("es", "se me resbalo el celular y se cayo en pleno ejercicio")]
    [InlineData("es", "el seguro me trae mareada con tanto tramite")]
    [InlineData("es", "me mata la curiosidad, ¿cuando me dan el alta?")]
    [InlineData("es", "no me he caido, solo me tambalee un poco en el ejercicio")]
    public void Everyday_spanish_sayings_raise_nothing(string language, string text) =>
        Assert.True(Read(language, text).IsEmpty, $"'{text}' raised {string.Join(", ", Read(language, text).FindingSet)}");

    [Theory]
    [InlineData("en", "ten. worst its been")]
    [InlineData("en", "nine, its unbearable")]
    [InlineData("es", "diez, es insoportable")]
    [InlineData("es", "nueve, inaguantable")]
    public void A_number_beside_an_unbearable_pain_is_the_score(string language, string text) =>
        Assert.True(Read(language, text).Pain?.Score >= 9, $"'{text}' gave {Read(language, text).Pain?.Score}");
}
