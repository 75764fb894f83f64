"""The intent names of shared/spec/intents.md (binding for external evaluations)."""

CONVERSATION = ("greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help", "choose_language",
                "request_human", "out_of_scope")
ESSENTIAL = ("visa_info", "extend_stay", "change_status", "alien_registration", "reissue_card", "report_change",
             "reentry_permit", "print_certificate", "naturalization", "immigration_office")
TAILORED = ("part_time_work", "employment_permit", "labour_rights", "job_search", "marriage_immigrant",
            "pregnancy_birth", "childcare_support", "korean_language", "study_in_korea", "scholarship",
            "health_insurance", "tax_info", "return_home")
REQUESTS = ("request_document", "check_request_status", "contact_info", "emergency")
# Questions about the service under discussion ("how much is it?").
FOLLOW_UPS = ("ask_documents", "ask_fee", "ask_location", "ask_processing_time", "ask_online", "ask_eligibility")

ALL = CONVERSATION + ESSENTIAL + TAILORED + REQUESTS + FOLLOW_UPS
# Intents answered by looking services up in the catalogue.
SERVICE_INTENTS = ESSENTIAL + TAILORED + ("contact_info", "emergency", "request_document")
