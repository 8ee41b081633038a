//! The vocabulary synthetic plans are written in: areas of practice with their credentials,
//! opportunities, incentives and the sentences that answer the decision points. Every phrase is
//! plain text that YAML reads as a string in any version, so generated plans read the same in
//! every tool.

/// An area of teaching practice and the credentials in it.
pub struct Area {
    /// The area's id word, as in `literacy-leadership-stack-3`.
    pub slug: &'static str,
    /// The area in words, as in "Hybrid Literacy Coach".
    pub name: &'static str,
    /// The credentials: id word, title and competency.
    pub practices: &'static [Practice],
    /// Evidence an educator in this area submits.
    pub evidence: &'static [&'static str],
}

/// One credential of an area.
pub struct Practice {
    /// The credential's id word.
    pub slug: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The skill it certifies.
    pub competency: &'static str,
}

macro_rules! practices {
    ($(($slug:literal, $title:literal, $competency:literal)),* $(,)?) => {
        &[$(Practice { slug: $slug, title: $title, competency: $competency }),*]
    };
}

/// The areas, in the order clusters of credentials take them.
pub const AREAS: &[Area] = &[
    Area {
        slug: "literacy",
        name: "Literacy",
        practices: practices![
            (
                "small-group-reading",
                "Small-Group Reading Instruction",
                "Plans and leads small-group reading lessons matched to students' needs."
            ),
            (
                "phonics-routines",
                "Explicit Phonics Routines",
                "Teaches a daily, explicit phonics routine and adjusts pacing from quick decoding checks."
            ),
            (
                "reading-data-cycles",
                "Using Reading Data to Plan Instruction",
                "Uses screener and progress-monitoring data to form groups and change instruction every six weeks."
            ),
            (
                "vocabulary-instruction",
                "Robust Vocabulary Instruction",
                "Teaches high-utility words in context and checks that students use them in speaking and writing."
            ),
            (
                "writing-conferences",
                "Writing Conferences",
                "Holds short, focused writing conferences that leave each student with one next step."
            ),
            (
                "text-based-discussion",
                "Text-Based Discussion",
                "Leads discussions in which students cite the text to support and challenge ideas."
            ),
        ],
        evidence: &[
            "a lesson plan for three groups built from screener data",
            "a 10-minute classroom video of one group",
            "student work samples from before and after four weeks of instruction",
            "a six-week data cycle for one class",
            "decoding check results for the class with notes on regrouping",
        ],
    },
    Area {
        slug: "multilingual",
        name: "Multilingual Learner",
        practices: practices![
            (
                "language-objectives",
                "Integrated Language Objectives",
                "Writes and teaches a language objective alongside the content objective in every lesson."
            ),
            (
                "academic-discourse",
                "Structured Academic Discourse",
                "Uses structured talk routines so that every student, including English learners, speaks about content daily."
            ),
            (
                "newcomer-support",
                "Supporting Newcomer Students",
                "Plans the first 90 days for a newcomer student, with language supports in every content block."
            ),
            (
                "sentence-frames",
                "Scaffolding With Sentence Frames",
                "Designs sentence frames that lift academic language and removes them as students grow."
            ),
            (
                "family-partnership",
                "Partnering With Multilingual Families",
                "Holds two-way conversations with families in their preferred language about their child's learning."
            ),
        ],
        evidence: &[
            "five consecutive lesson plans with content and language objectives",
            "a classroom video showing the language objective taught and checked",
            "work from three English learners at different proficiency levels",
            "a tally of which students spoke, before and after the routine",
            "notes from a conversation with a family in their preferred language",
        ],
    },
    Area {
        slug: "mathematics",
        name: "Mathematics",
        practices: practices![
            (
                "number-talks",
                "Number Talks",
                "Leads short daily number talks in which students explain and compare strategies."
            ),
            (
                "rich-math-tasks",
                "Launching Rich Mathematical Tasks",
                "Launches open tasks so every student can start and then presses for reasoning."
            ),
            (
                "fraction-models",
                "Teaching Fractions With Models",
                "Uses area, length and set models so students reason about the size of fractions."
            ),
            (
                "error-analysis",
                "Learning From Mathematical Errors",
                "Uses common errors as a launch for class discussion and follow-up practice."
            ),
            (
                "math-intervention",
                "Targeted Math Intervention",
                "Plans short intervention cycles from a diagnostic and checks progress every two weeks."
            ),
        ],
        evidence: &[
            "a two-week sequence of number talks",
            "a classroom video of one task launch",
            "a record of the strategies students shared",
            "diagnostic results before and after a six-week cycle",
            "annotated student work from three levels of understanding",
        ],
    },
    Area {
        slug: "science",
        name: "Science",
        practices: practices![
            (
                "investigation-design",
                "Student-Designed Investigations",
                "Guides students to plan and carry out investigations that answer their own questions."
            ),
            (
                "modeling-phenomena",
                "Modeling Phenomena",
                "Has students build and revise models that explain an observable phenomenon."
            ),
            (
                "argument-from-evidence",
                "Argument From Evidence",
                "Teaches students to make claims backed by evidence and reasoning, in writing and in talk."
            ),
            (
                "science-notebooks",
                "Science Notebooks for Sensemaking",
                "Uses notebooks so students record, revisit and revise their thinking across a unit."
            ),
        ],
        evidence: &[
            "the unit storyline and the driving question board",
            "three students' models from the start and end of the unit",
            "a 10-minute video of students arguing from evidence",
            "a scored set of written explanations with the rubric",
        ],
    },
    Area {
        slug: "belonging",
        name: "Classroom Community",
        practices: practices![
            (
                "restorative-conversations",
                "Restorative Classroom Conversations",
                "Uses restorative questions and circles to repair harm and return students to learning."
            ),
            (
                "classroom-routines",
                "Routines That Give Time Back to Learning",
                "Teaches and practices routines so transitions take less than a minute."
            ),
            (
                "student-belonging",
                "Building Student Belonging",
                "Learns about each student and uses it to plan lessons in which every student takes part."
            ),
            (
                "trauma-informed-practice",
                "Trauma-Informed Classroom Practice",
                "Recognizes signs of stress and adjusts routines so students can regulate and learn."
            ),
        ],
        evidence: &[
            "plans for three classroom circles",
            "a log of restorative conversations over four weeks",
            "office referral counts for the class before and after",
            "a student survey on belonging with the teacher's response plan",
        ],
    },
    Area {
        slug: "assessment",
        name: "Assessment",
        practices: practices![
            (
                "checks-for-understanding",
                "Checks for Understanding",
                "Checks every student's understanding during the lesson and adjusts on the spot."
            ),
            (
                "feedback-on-writing",
                "Actionable Feedback on Writing",
                "Writes feedback that students act on within a week, and checks that they did."
            ),
            (
                "formative-data-use",
                "Using Formative Data",
                "Collects quick formative data and regroups students for the next lesson from it."
            ),
            (
                "student-self-assessment",
                "Student Self-Assessment",
                "Teaches students to judge their own work against criteria and set a next goal."
            ),
        ],
        evidence: &[
            "three lesson plans marked with planned checks",
            "exit tickets sorted into next-day groups",
            "a video clip of one adjustment made during a lesson",
            "student goal sheets from the start and end of a unit",
        ],
    },
    Area {
        slug: "coaching",
        name: "Coaching and Mentoring",
        practices: practices![
            (
                "coaching-conversations",
                "Coaching Conversations",
                "Leads a coaching cycle with a colleague that ends in a change the colleague chose."
            ),
            (
                "facilitating-adult-learning",
                "Facilitating Adult Learning",
                "Designs and leads a session in which colleagues practice a strategy and plan to use it."
            ),
            (
                "evidence-based-feedback",
                "Assessing Evidence and Giving Feedback",
                "Scores evidence against a rubric consistently and writes feedback a teacher can act on."
            ),
            (
                "peer-observation",
                "Peer Observation and Feedback",
                "Observes a colleague's lesson against an agreed focus and debriefs within two days."
            ),
            (
                "mentoring-new-teachers",
                "Mentoring a Beginning Teacher",
                "Supports a first-year teacher through weekly meetings, observations and co-planning."
            ),
        ],
        evidence: &[
            "notes from one complete coaching cycle",
            "a recording of one debrief, with the colleague's consent",
            "the colleague's written reflection",
            "the session agenda and participants' exit tickets",
            "scores and feedback for five anchor submissions",
        ],
    },
    Area {
        slug: "inclusion",
        name: "Inclusive Practice",
        practices: practices![
            (
                "co-teaching",
                "Co-Teaching for Inclusion",
                "Plans and teaches with a specialist partner using at least three co-teaching models."
            ),
            (
                "iep-goal-progress",
                "Monitoring IEP Goal Progress",
                "Collects and charts progress on IEP goals and changes instruction when progress stalls."
            ),
            (
                "universal-design",
                "Universal Design for Learning",
                "Plans lessons with options for engagement, representation and expression from the start."
            ),
            (
                "assistive-technology",
                "Assistive Technology in Class",
                "Chooses and teaches assistive tools so students work independently."
            ),
        ],
        evidence: &[
            "a co-planned unit with both teachers' roles marked",
            "progress charts for two students over eight weeks",
            "a lesson plan annotated with the options offered",
            "a video of students choosing among options",
        ],
    },
    Area {
        slug: "career",
        name: "Career-Connected Learning",
        practices: practices![
            (
                "career-connected-lessons",
                "Career-Connected Lesson Design",
                "Designs a unit around a real workplace problem, drawing on an employer externship."
            ),
            (
                "industry-partnership",
                "Building Industry Partnerships",
                "Brings a local employer into a unit as a client, reviewer or guest expert."
            ),
            (
                "work-based-learning",
                "Supervising Work-Based Learning",
                "Plans and supervises student internships with clear learning goals."
            ),
            (
                "project-based-learning",
                "Project-Based Learning",
                "Plans and runs a project that ends in a public product for a real audience."
            ),
        ],
        evidence: &[
            "a log of a summer externship of at least 24 hours",
            "the unit plan and the workplace problem it is built on",
            "student products reviewed by the host employer",
            "the project calendar with checkpoints",
        ],
    },
];

/// Kinds of opportunities a cluster of credentials can unlock: id word, title (with `{area}`
/// for the area's name), kind, whether the educator stays in the classroom, and what the role
/// asks of them.
pub const OPPORTUNITIES: &[(&str, &str, &str, bool, &str)] = &[
    (
        "lab-classroom-host",
        "{area} Lab Classroom Host",
        "classroom-role",
        true,
        "Four visits a semester, each with a 30-minute debrief in the collaboration block",
    ),
    (
        "hybrid-coach",
        "Hybrid {area} Coach",
        "hybrid-role",
        true,
        "60% teaching, 40% coaching; two leader meetings a month",
    ),
    (
        "design-committee-seat",
        "{area} Design Committee Member",
        "committee",
        true,
        "One after-school meeting a month, paid at the curriculum rate",
    ),
    (
        "showcase-presenter",
        "{area} Showcase Presenter",
        "recognition",
        true,
        "One evening in April",
    ),
    (
        "lane-advancement",
        "{area} Stack Lane Advancement",
        "compensation-step",
        true,
        "No extra time beyond earning the stack",
    ),
    (
        "teacher-on-assignment",
        "{area} Teacher on Special Assignment",
        "leadership-role",
        false,
        "Full time, two-year assignment, then a return to the classroom",
    ),
];

/// Organization names: place names and what follows them.
pub const PLACES: &[&str] = &[
    "Cedar",
    "Juniper",
    "Aspen",
    "Sycamore",
    "Madrone",
    "Willow",
    "Alder",
    "Birch",
    "Cypress",
    "Hemlock",
    "Laurel",
    "Magnolia",
    "Redwood",
    "Sequoia",
    "Tamarack",
    "Linden",
    "Hawthorn",
    "Chestnut",
    "Buckeye",
    "Sagebrush",
];

/// What follows a place name.
pub const FEATURES: &[&str] = &[
    "Valley", "Ridge", "Creek", "Prairie", "Harbor", "Springs", "Mesa", "Hollow", "Plains", "Lakes",
];

/// Regions, for `organization.region`.
pub const REGIONS: &[&str] = &[
    "Oregon",
    "Washington",
    "Idaho",
    "Colorado",
    "New Mexico",
    "Arizona",
    "Nevada",
    "Utah",
    "Montana",
    "Wyoming",
];

/// People's names, for owners, sponsors and contacts.
pub const PEOPLE: &[&str] = &[
    "Dr. Lena Achterberg",
    "Priya Natarajan",
    "Marcus Oyelaran",
    "Dana Whitfield",
    "Dr. Raymond Castillo",
    "Hannah Okafor",
    "Tomás Ibarra",
    "Grace Lindqvist",
    "Samuel Tsosie",
    "Mei-Ling Zhou",
];

/// Issuers of credentials.
pub const ISSUERS: &[&str] = &[
    "Digital Promise",
    "Bridgeway Learning Network",
    "the state university College of Education",
    "the regional service agency",
    "the district's Office of Professional Learning",
];

/// Who assesses submissions.
pub const ASSESSORS: &[&str] = &[
    "Two trained teacher assessors",
    "Two trained teacher assessors, one from another school",
    "A trained teacher assessor and the issuer's master assessor",
    "Two assessors trained and calibrated by the issuer",
];

/// Partner kinds and what partners of that kind contribute.
pub const PARTNERS: &[(&str, &str, &str)] = &[
    (
        "higher-education",
        "State University College of Education",
        "Co-designs credentials, runs the external evaluation and accepts completed stacks toward graduate certificates.",
    ),
    (
        "teacher-preparation",
        "Teacher Residency",
        "Places residents in lab classrooms and with hybrid coaches, and recruits residents for hard-to-staff schools.",
    ),
    (
        "nonprofit",
        "Learning Network",
        "Issues coaching credentials, trains and certifies teacher assessors, and runs the double-scoring audit.",
    ),
    (
        "employer",
        "Regional Medical Center",
        "Hosts summer externships for secondary teachers and reviews student products.",
    ),
    (
        "philanthropy",
        "Community Education Foundation",
        "Pays for conference travel, publication weeks and the spring showcase.",
    ),
    (
        "regional-agency",
        "Regional Service Agency",
        "Shares assessors across districts and hosts the regional calibration days.",
    ),
    (
        "credential-issuer",
        "Micro-credential Issuer",
        "Hosts the credential platform and the public registry entries.",
    ),
];

/// Funding source kinds and names.
pub const FUNDS: &[(&str, &str)] = &[
    ("district-budget", "Professional learning budget"),
    ("federal-title", "Title II, Part A"),
    ("state", "State Educator Effectiveness Grant"),
    ("grant", "Teacher Leadership Grant"),
    ("philanthropy", "Education Foundation gift"),
    ("federal", "Federal teacher quality partnership award"),
];

/// Goal statements; `{area}` is an area's name.
pub const GOALS: &[&str] = &[
    "Keep strong teachers in years three to ten in our {area} classrooms.",
    "Raise the share of students meeting the {area} standard by ten points by 2030.",
    "Put a hybrid {area} coach within reach of every school.",
    "Make participation in {area} credentials look like our teaching staff, school by school.",
    "Have teachers plan and lead half of all {area} professional learning.",
];

/// Metric indicators; `{area}` is an area's name.
pub const INDICATORS: &[&str] = &[
    "Share of {area} credential earners still teaching here a year later",
    "Share of students meeting the {area} standard on the state assessment",
    "Schools with a hybrid {area} coach in place",
    "Participation and completion in {area} credentials by school and group",
    "Share of {area} professional learning sessions planned and led by teachers",
];

/// Frequencies, in the order metrics take them.
pub const FREQUENCIES: &[&str] = &[
    "annual",
    "semiannual",
    "quarterly",
    "monthly",
    "per-cohort",
    "biennial",
];

/// Sentences a long answer is built from; `{org}` is the organization's short name.
pub const SENTENCES: &[&str] = &[
    "{org} loses about one teacher in ten every year, and exit surveys name the lack of a way to grow without leaving the classroom.",
    "Every credential is a classroom practice tied to a student outcome that the district already tracks.",
    "Professional learning that works here is job-embedded, chosen by the teacher, and judged by what students do differently.",
    "Time is the first barrier, and substitutes are the second; the plan builds both into the schedule.",
    "Teachers who worked in building cohorts finished credentials at twice the rate of those working alone.",
    "Two trained assessors score every submission against a public rubric, and scores can be appealed.",
    "The steering committee has classroom teachers in most of its seats, two of them chosen by the association.",
    "Participation stays voluntary, and evidence never enters an evaluation file.",
    "Hybrid leaders model the practice in their own classrooms in the morning and coach colleagues in the afternoon.",
    "The plan is reviewed every spring against its metrics, and changes take effect in August.",
    "Results are published school by school, so gaps in access are visible and can be closed.",
    "Credentials are small enough to earn in a semester inside the weekly collaboration block.",
    "Completed stacks count toward the next salary lane under the memorandum of understanding.",
    "Principals may invite teachers to take part but may not assign credentials.",
    "A teacher leaving a hybrid role returns to the former school and grade level.",
    "Each spring the committee publishes what participants asked for and what changed as a result.",
];
