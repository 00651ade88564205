namespace HepBot.Core.Safety;

/// <summary>
/// A warning sign a patient can report, by typing it or by choosing it in the red-flag check. Each one
/// has its own entry in the language's symptom lexicon (dialogs/&lt;language&gt;/symptoms.yaml).
/// </summary>
public enum SymptomFinding
{
    /// <summary>Chest pain, pressure or tightness.</summary>
    ChestPain,

    /// <summary>Pain spreading to the jaw, neck or arm.</summary>
    PainSpreadingToJawOrArm,

    /// <summary>Cannot breathe, cannot speak in sentences.</summary>
    SevereBreathlessness,

    /// <summary>Short of breath, not said to be severe.</summary>
    Breathlessness,

    /// <summary>Fainted, blacked out, about to faint.</summary>
    Fainting,

    /// <summary>Sudden weakness or numbness of one side or the face, facial droop, slurred speech.</summary>
    StrokeSigns,

    /// <summary>Racing, pounding, fluttering or irregular heartbeat.</summary>
    Palpitations,

    /// <summary>Cold sweat, clammy.</summary>
    ColdSweat,

    /// <summary>Nausea, feeling sick, vomiting.</summary>
    Nausea,

    /// <summary>Dizzy, light-headed, the room spinning.</summary>
    Dizziness,

    /// <summary>A calf or lower leg that is swollen, red, hot or tender.</summary>
    CalfSwelling,

    /// <summary>A surgical wound or scar that is red, hot, swollen, oozing or opened.</summary>
    WoundProblem,

    /// <summary>Fever, temperature, chills.</summary>
    Fever,

    /// <summary>New numbness, tingling, pins and needles.</summary>
    NewNumbness,

    /// <summary>A fall.</summary>
    Fall,

    /// <summary>A knee, hip or ankle that gave way or buckled.</summary>
    JointGivingWay,
}
