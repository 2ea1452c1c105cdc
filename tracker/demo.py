"""The demo government of `python manage.py seed_demo`: a Nordic-style state with a dozen
ministries and agencies, their people, measures, pledges and two review cycles.

The data are planned first, from a fixed random seed, and then brought into the database
through the services (measure_create, entry_submit, entry_return, ...), so that every entry
has a realistic history. Planning is pure: the same plan every run. Seeding is idempotent:
organisations, users, cycles, pledges and measures are matched by natural key (code, username,
slug, text, title), and what exists already is left alone.

Most of this file is the demo's text: measures are written in Swedish, as a Swedish ministry
would, with English translations for most of them.
"""

# Swedish typography writes ranges and title parts with en dashes.
# ruff: noqa: RUF001

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from compact.models import Action, GuidingPrinciple, Objective
from tracker.models import (
    CycleKind,
    Measure,
    MeasureKind,
    MeasureStatus,
    Organisation,
    OrganisationKind,
    Pledge,
    PledgeStatus,
    PledgeType,
    ProgressUpdate,
    ReviewCycle,
    Role,
    User,
    WorkflowState,
)
from tracker.services.cycles import cycle_close, cycle_create
from tracker.services.measures import measure_create, measure_update
from tracker.services.pledges import pledge_create
from tracker.services.updates import progress_update_create
from tracker.services.workflow import entry_approve, entry_return, entry_submit

# The demo's logins are public: they are printed and documented.
DEFAULT_PASSWORD = "demo"  # noqa: S105  # nosec B105
SEED = 20181219  # The day the General Assembly endorsed the Compact.
COORDINATING_MINISTRY = "MOJ"
# No measure serves these, so that the report has gaps to show.
EMPTY_OBJECTIVES = (8, 20, 22)
# Measures' statuses are as of this day, so that the plan does not depend on the day it runs.
STATUS_DAY = datetime.date(2026, 6, 30)
IMRF_CYCLE = {
    "slug": "imrf-2022",
    "name": "International Migration Review Forum 2022",
    "kind": CycleKind.IMRF,
    "period_start": datetime.date(2019, 1, 1),
    "period_end": datetime.date(2021, 12, 31),
}
NATIONAL_CYCLE = {
    "slug": "national-2025-2026",
    "name": "National review 2025–2026",
    "kind": CycleKind.NATIONAL,
    "period_start": datetime.date(2025, 1, 1),
    "period_end": datetime.date(2026, 12, 31),
}

# code, kind, parent, English, Swedish, Norwegian, Danish names
ORGANISATIONS = (
    ("MOJ", "ministry", None, "Ministry of Justice and Migration",
     "Justitie- och migrationsdepartementet", "Justis- og migrasjonsdepartementet",
     "Justits- og Migrationsministeriet"),
    ("MFA", "ministry", None, "Ministry for Foreign Affairs", "Utrikesdepartementet",
     "Utenriksdepartementet", "Udenrigsministeriet"),
    ("MOL", "ministry", None, "Ministry of Employment and Integration",
     "Arbetsmarknads- och integrationsdepartementet", "Arbeids- og inkluderingsdepartementet",
     "Beskæftigelses- og Integrationsministeriet"),
    ("MOH", "ministry", None, "Ministry of Health and Care Services",
     "Hälso- och omsorgsdepartementet", "Helse- og omsorgsdepartementet",
     "Sundheds- og Ældreministeriet"),
    ("MOE", "ministry", None, "Ministry of Education and Research",
     "Utbildningsdepartementet", "Kunnskapsdepartementet",
     "Uddannelses- og Forskningsministeriet"),
    ("MSA", "ministry", None, "Ministry of Social Affairs", "Socialdepartementet",
     "Sosialdepartementet", "Social- og Boligministeriet"),
    ("MOF", "ministry", None, "Ministry of Finance", "Finansdepartementet",
     "Finansdepartementet", "Finansministeriet"),
    ("MIG", "agency", "MOJ", "Migration Agency", "Migrationsverket",
     "Utlendingsdirektoratet", "Udlændingestyrelsen"),
    ("POL", "agency", "MOJ", "Police Authority", "Polismyndigheten", "Politidirektoratet",
     "Rigspolitiet"),
    ("STAT", "agency", "MOF", "Statistics Office", "Statistikmyndigheten",
     "Statistisk sentralbyrå", "Statistikstyrelsen"),
    ("PES", "agency", "MOL", "Public Employment Service", "Arbetsförmedlingen",
     "Arbeids- og velferdsetaten", "Styrelsen for Arbejdsmarked og Rekruttering"),
    ("GEA", "agency", "MSA", "Gender Equality Agency", "Jämställdhetsmyndigheten",
     "Likestillingsdirektoratet", "Ligestillingsstyrelsen"),
)  # fmt: skip

# username: role, organisation, first and last name. Desk officers are added per organisation.
PEOPLE = {
    "admin": (Role.ADMINISTRATOR, None, "Johan", "Ek"),
    "coordinator": (Role.COORDINATOR, COORDINATING_MINISTRY, "Karin", "Holm"),
    "committee": (Role.COMMITTEE_READER, None, "Per", "Nilsson"),
}
OFFICER_NAMES = (
    ("Anna", "Berg"), ("Erik", "Lund"), ("Maria", "Sandberg"), ("Ali", "Hassan"),
    ("Sara", "Lindström"), ("Mikael", "Strand"), ("Fatima", "Yusuf"), ("Lars", "Dahl"),
    ("Eva", "Karlsson"), ("Jonas", "Wik"), ("Leila", "Rahimi"), ("Ingrid", "Falk"),
)  # fmt: skip


@dataclass(frozen=True)
class Base:
    """A measure of the demo, which becomes up to three entries (see VARIANTS)."""

    organisation: str
    kind: str
    objectives: str
    actions: str
    principles: str
    target_groups: str
    stakeholders: str
    title: str
    title_en: str
    description: str
    description_en: str


# fmt: off
BASES = (
    Base("MOJ", "legislation", "10", "10f 10g", "rule_of_law_and_due_process human_rights",
         "victims_of_trafficking", "civil_society national_human_rights_institution",
         "Skärpt lagstiftning mot människohandel och människoexploatering",
         "Stronger legislation against trafficking in persons and exploitation",
         "Lagändringar som inför ett särskilt brott för människoexploatering och höjer straffen "
         "för människohandel, med stärkt stöd till brottsoffer under rättsprocessen.",
         "Amendments that introduce an offence of exploitation of persons and raise the "
         "penalties for trafficking, with stronger support to victims during proceedings."),
    Base("MOJ", "legislation", "13", "13c 13h", "child_sensitive human_rights",
         "children irregular_migrants", "national_human_rights_institution civil_society",
         "Alternativ till förvar för barnfamiljer",
         "Alternatives to detention for families with children",
         "Regelverket ändras så att barnfamiljer inte tas i förvar; i stället används "
         "anmälningsplikt och boende med stöd.",
         "The rules are changed so that families with children are not detained; reporting "
         "duties and supported housing are used instead."),
    Base("MOJ", "policy", "21", "21b 21h", "national_sovereignty international_cooperation",
         "returnees", "civil_society",
         "Nationell strategi för återvändande och hållbar återintegrering",
         "National strategy for return and sustainable reintegration",
         "Strategin samordnar myndigheternas arbete med frivilligt återvändande och stöd till "
         "återintegrering i ursprungslandet.",
         "The strategy coordinates the agencies' work on voluntary return and support for "
         "reintegration in the country of origin."),
    Base("MOJ", "institutional", "7 12", "7g 12c", "rule_of_law_and_due_process human_rights",
         "all_migrants", "civil_society",
         "Offentligt biträde tidigt i asylprocessen",
         "Early public counsel in the asylum procedure",
         "Asylsökande får rätt till offentligt biträde redan före den första utredningen, för "
         "att stärka rättssäkerheten.",
         "Asylum seekers are given a public counsel before the first interview, to strengthen "
         "legal certainty."),
    Base("MOJ", "policy", "23", "23a 23e", "whole_of_government international_cooperation",
         "all_migrants", "civil_society local_government academia",
         "Nationell handlingsplan för genomförandet av migrationsramverket",
         "National action plan for implementing the Global Compact for Migration",
         "Regeringens samlade plan för genomförandet av de 23 målen, med årlig uppföljning och "
         "samråd med civilsamhället.",
         "The government's plan for implementing the 23 objectives, with annual follow-up and "
         "consultation of civil society."),
    Base("MFA", "international_cooperation", "2", "2b 2e",
         "sustainable_development international_cooperation", "women children",
         "civil_society private_sector",
         "Utvecklingssamarbete för yrkesutbildning i Östafrika",
         "Development cooperation for vocational training in East Africa",
         "Stöd till yrkesutbildning och företagande för unga i ursprungsländer, tillsammans med "
         "FN-organ och lokala partner.",
         "Support for vocational training and entrepreneurship for young people in countries of "
         "origin, with UN agencies and local partners."),
    Base("MFA", "international_cooperation", "14", "14a 14d", "people_centred",
         "migrant_workers", "",
         "Stärkt konsulärt stöd till medborgare i utsatta situationer utomlands",
         "Stronger consular support to nationals in vulnerable situations abroad",
         "Utbildning av konsulär personal och ett stödnummer som är öppet dygnet runt för "
         "medborgare som drabbas av kriser utomlands.",
         "Training for consular staff and a round-the-clock helpline for nationals affected by "
         "crises abroad."),
    Base("MFA", "international_cooperation", "23", "23a 23d", "international_cooperation",
         "all_migrants", "civil_society",
         "Bidrag till FN:s fond för migration",
         "Contribution to the UN Migration Multi-Partner Trust Fund",
         "Årligt bidrag till FN:s fond som finansierar länders genomförande av "
         "migrationsramverket.",
         "Annual contribution to the UN fund that finances countries' implementation of the "
         "Compact."),
    Base("MFA", "international_cooperation", "19", "19d 19j",
         "sustainable_development whole_of_society", "diaspora",
         "migrant_diaspora_organisations",
         "Diasporapartnerskap för utveckling", "Diaspora partnership for development",
         "Samverkan med diasporaorganisationer om investeringar och kunskapsöverföring till "
         "ursprungsländerna.",
         "Cooperation with diaspora organisations on investment and knowledge transfer to "
         "countries of origin."),
    Base("MOL", "legislation", "6", "6e 6f", "human_rights rule_of_law_and_due_process",
         "migrant_workers", "trade_unions private_sector",
         "Skärpta regler mot utnyttjande av arbetskraftsinvandrare",
         "Stricter rules against the exploitation of labour migrants",
         "Arbetsgivare som bryter mot villkoren i arbetstillståndet kan få sanktionsavgift och "
         "förbud att anställa.",
         "Employers who breach the conditions of a work permit can be fined and barred from "
         "recruiting."),
    Base("MOL", "policy", "5 18", "5c 5f 18a", "whole_of_government", "migrant_workers",
         "private_sector",
         "Kompetensförsörjning genom arbetskraftsinvandring",
         "Meeting skills needs through labour migration",
         "Reformerade regler för arbetstillstånd med kortare handläggningstider för yrken med "
         "brist på arbetskraft.",
         "Reformed work-permit rules with shorter processing times for occupations with labour "
         "shortages."),
    Base("MOL", "programme", "16", "16c 16d", "whole_of_society", "all_migrants",
         "local_government civil_society",
         "Etableringsprogrammet för nyanlända",
         "Introduction programme for newly arrived migrants",
         "Individuellt anpassat program med språkundervisning, samhällsorientering och "
         "arbetsförberedande insatser under de första två åren.",
         "An individual programme of language courses, civic orientation and work preparation "
         "during the first two years."),
    Base("MOL", "institutional", "6", "6d 6j", "whole_of_government", "migrant_workers",
         "trade_unions",
         "Samverkansråd mot arbetslivskriminalitet",
         "Cooperation council against labour market crime",
         "Myndigheter och arbetsmarknadens parter samordnar kontroller och informationsutbyte "
         "om arbetslivskriminalitet.",
         "Agencies and the social partners coordinate inspections and the exchange of "
         "information on labour market crime."),
    Base("MOH", "policy", "15", "15e", "human_rights people_centred",
         "all_migrants irregular_migrants", "local_government civil_society",
         "Vård som inte kan anstå för personer utan tillstånd",
         "Health care that cannot be deferred for people without residence permits",
         "Regionerna ersätts för att erbjuda vård till personer som vistas i landet utan "
         "tillstånd.",
         "The regions are compensated for providing care to people staying in the country "
         "without a permit."),
    Base("MOH", "programme", "15", "15e", "people_centred gender_responsive",
         "women children", "local_government",
         "Hälsoundersökningar för asylsökande", "Health examinations for asylum seekers",
         "Alla asylsökande erbjuds en hälsoundersökning och information om vården på sitt eget "
         "språk.",
         "All asylum seekers are offered a health examination and information on health care "
         "in their own language."),
    Base("MOH", "programme", "7 15", "7b 15c", "child_sensitive people_centred",
         "children all_migrants", "academia civil_society",
         "Psykiatriskt stöd till traumatiserade flyktingar",
         "Psychiatric support for traumatised refugees",
         "Ett kompetenscentrum för transkulturell psykiatri ger stöd till vårdcentraler och "
         "skolor.",
         "A competence centre for transcultural psychiatry supports health centres and "
         "schools."),
    Base("MOH", "programme", "15", "15c", "people_centred", "all_migrants", "local_government",
         "Tolkning på distans i vården", "Remote interpreting in health care",
         "Videotolkning gör det möjligt att snabbt få tolk även i glesbygd.",
         "Video interpreting makes interpreters quickly available also in rural areas."),
    Base("MOE", "programme", "15", "15f", "child_sensitive", "children unaccompanied_children",
         "local_government",
         "Studiehandledning på modersmålet", "Study guidance in the mother tongue",
         "Skolor får statsbidrag för studiehandledning på modersmålet för nyanlända elever.",
         "Schools receive state grants for study guidance in the mother tongue for newly "
         "arrived pupils."),
    Base("MOE", "policy", "18", "18a 18k", "whole_of_government", "migrant_workers",
         "academia private_sector",
         "Snabbare bedömning av utländska examina", "Faster assessment of foreign degrees",
         "Bedömningen av utländsk utbildning görs digitalt och ska ta högst fyra månader.",
         "Foreign qualifications are assessed digitally within at most four months."),
    Base("MOE", "programme", "18", "18j", "gender_responsive", "migrant_workers women",
         "academia",
         "Kompletterande utbildning för lärare med utländsk examen",
         "Bridging programme for teachers with foreign degrees",
         "Universitet erbjuder kompletterande utbildning så att lärare med utländsk examen kan "
         "få lärarlegitimation.",
         "Universities offer bridging courses so that teachers educated abroad can be "
         "certified."),
    Base("MOE", "international_cooperation", "5", "5j",
         "international_cooperation sustainable_development", "all_migrants", "academia",
         "Stipendier för studenter från låginkomstländer",
         "Scholarships for students from low-income countries",
         "Stipendier för masterstudier som stärker den akademiska rörligheten med "
         "partnerländer.",
         "Master's scholarships that strengthen academic mobility with partner countries."),
    Base("MSA", "policy", "7", "7e 7f", "child_sensitive human_rights",
         "unaccompanied_children", "local_government civil_society",
         "Stärkt skydd för ensamkommande barn",
         "Stronger protection for unaccompanied children",
         "Nya riktlinjer för socialtjänstens mottagande, boende och god man för ensamkommande "
         "barn.",
         "New guidelines for social services on reception, housing and guardianship of "
         "unaccompanied children."),
    Base("MSA", "programme", "16", "16e", "child_sensitive gender_responsive",
         "children women", "local_government civil_society",
         "Föräldrastöd för nyanlända familjer", "Parenting support for newly arrived families",
         "Kommunerna erbjuder föräldragrupper på flera språk med fokus på barns rättigheter och "
         "skolan.",
         "Municipalities offer parenting groups in several languages, focusing on children's "
         "rights and school."),
    Base("MSA", "programme", "17", "17f 17g", "whole_of_society human_rights", "all_migrants",
         "civil_society migrant_diaspora_organisations",
         "Dialog mot rasism i lokalsamhället", "Dialogue against racism in local communities",
         "Stöd till lokala dialogprojekt mellan migranter, föreningar och myndigheter för att "
         "motverka fördomar.",
         "Support for local dialogue projects between migrants, associations and authorities "
         "to counter prejudice."),
    Base("MSA", "budget", "7 16", "7k", "whole_of_society", "irregular_migrants all_migrants",
         "civil_society",
         "Statsbidrag till civilsamhällets stöd för utsatta migranter",
         "State grants for civil society's support to migrants in vulnerable situations",
         "Föreningar som ger rådgivning, boende och stöd till migranter i utsatta situationer "
         "kan söka bidrag.",
         "Associations that give advice, shelter and support to migrants in vulnerable "
         "situations can apply for grants."),
    Base("MOF", "budget", "23", "", "whole_of_government", "all_migrants", "",
         "Anslag för genomförandet av migrationsramverket",
         "Appropriation for implementing the Global Compact for Migration",
         "Ett särskilt anslag i statsbudgeten finansierar myndigheternas uppdrag inom "
         "migrationsramverket.",
         "A dedicated appropriation in the state budget funds the agencies' assignments under "
         "the Compact."),
    Base("MOF", "budget", "16", "", "whole_of_government", "all_migrants", "local_government",
         "Ersättning till kommuner för mottagande av nyanlända",
         "Compensation to municipalities for receiving newly arrived migrants",
         "Schablonersättning till kommunerna för de första åren av mottagandet.",
         "Standard compensation to municipalities for the first years of reception."),
    Base("MOF", "data_research", "1 19", "1d 19c", "sustainable_development", "", "academia",
         "Analys av migrationens effekter på de offentliga finanserna",
         "Analysis of the effects of migration on public finances",
         "En expertgrupp analyserar hur migration påverkar de offentliga finanserna över tid.",
         "An expert group analyses how migration affects public finances over time."),
    Base("MOF", "policy", "19", "19e", "sustainable_development", "migrant_workers diaspora",
         "private_sector",
         "Statligt garanterade mikrolån till företagare med utländsk bakgrund",
         "State-guaranteed micro-loans for entrepreneurs with a foreign background",
         "Statliga garantier gör det lättare för migranter att låna till att starta företag.",
         "State guarantees make it easier for migrants to borrow to start a business."),
    Base("MIG", "programme", "3", "3a 3d", "people_centred", "all_migrants", "civil_society",
         "Flerspråkig informationsportal om att flytta hit",
         "Multilingual portal on moving here",
         "En samlad webbplats på tolv språk om regler för uppehållstillstånd, arbete och "
         "studier.",
         "One website in twelve languages on the rules for residence permits, work and "
         "study."),
    Base("MIG", "institutional", "12", "12c 12d", "child_sensitive gender_responsive",
         "children victims_of_trafficking persons_with_disabilities", "civil_society",
         "Tidig identifiering av särskilda behov hos asylsökande",
         "Early identification of special needs among asylum seekers",
         "Metodstöd för att tidigt identifiera sårbara sökande, till exempel barn, offer för "
         "människohandel och personer med funktionsnedsättning.",
         "Guidance for identifying vulnerable applicants early, such as children, victims of "
         "trafficking and persons with disabilities."),
    Base("MIG", "programme", "4", "4d 4e", "people_centred", "all_migrants", "",
         "Digital identitetshandling för personer med uppehållstillstånd",
         "Digital identity document for residence permit holders",
         "Uppehållstillståndskortet kompletteras med en digital identitet som fungerar i "
         "myndigheternas e-tjänster.",
         "The residence permit card is complemented by a digital identity that works in public "
         "e-services."),
    Base("MIG", "institutional", "13", "13d 13e", "rule_of_law_and_due_process human_rights",
         "irregular_migrants", "national_human_rights_institution",
         "Rättighetsinformation i förvar på fler språk",
         "Information on rights in detention in more languages",
         "Alla som tas i förvar får skriftlig och muntlig information om sina rättigheter på "
         "ett språk de förstår.",
         "Everyone detained receives written and oral information on their rights in a "
         "language they understand."),
    Base("MIG", "programme", "5", "5i", "child_sensitive", "children women", "",
         "Kortare handläggningstider för familjeåterförening",
         "Shorter processing times for family reunification",
         "Ett nytt digitalt flöde för ansökningar om familjeåterförening.",
         "A new digital workflow for applications for family reunification."),
    Base("POL", "institutional", "10", "10c 10d", "rule_of_law_and_due_process",
         "victims_of_trafficking", "civil_society",
         "Nationellt centrum mot människohandel", "National centre against trafficking",
         "Ett nationellt centrum samordnar utredningar av människohandel och samarbetet med "
         "andra länders polis.",
         "A national centre coordinates trafficking investigations and cooperation with the "
         "police of other countries."),
    Base("POL", "international_cooperation", "9", "9b 9c",
         "international_cooperation rule_of_law_and_due_process", "", "",
         "Gemensamma utredningsgrupper mot människosmuggling",
         "Joint investigation teams against migrant smuggling",
         "Deltagande i gemensamma utredningsgrupper med Europol och grannländer mot "
         "smugglingsnätverk.",
         "Participation in joint investigation teams with Europol and neighbouring countries "
         "against smuggling networks."),
    Base("POL", "programme", "11", "11b 11e", "child_sensitive human_rights",
         "children unaccompanied_children", "",
         "Utbildning i barnrättsperspektiv vid gränskontroll",
         "Child-rights training for border control",
         "Gränspolisen utbildas i att identifiera och hänvisa barn och andra sårbara personer "
         "vid gränsen.",
         "Border police are trained to identify and refer children and other vulnerable "
         "persons at the border."),
    Base("POL", "programme", "17", "17a 17e", "human_rights rule_of_law_and_due_process",
         "all_migrants", "civil_society",
         "Bättre möjligheter att anmäla hatbrott", "Better reporting of hate crime",
         "Hatbrott kan anmälas digitalt på flera språk, och varje polisregion har särskilda "
         "hatbrottsutredare.",
         "Hate crime can be reported online in several languages, and every police region has "
         "specialised hate-crime investigators."),
    Base("STAT", "data_research", "1", "1g 1h", "gender_responsive", "all_migrants", "academia",
         "Migrationsstatistik uppdelad efter kön och ålder",
         "Migration statistics disaggregated by sex and age",
         "Den officiella migrationsstatistiken redovisas uppdelad efter kön, ålder och skäl för "
         "bosättning.",
         "Official migration statistics are published by sex, age and reason for settlement."),
    Base("STAT", "data_research", "1", "1i", "whole_of_government", "all_migrants", "academia",
         "Samordnad registerstatistik om integration",
         "Coordinated register statistics on integration",
         "Myndigheternas register länkas för att följa nyanländas etablering på "
         "arbetsmarknaden.",
         "Agency registers are linked to follow newcomers' establishment in the labour market."),
    Base("STAT", "data_research", "1 23", "1b", "international_cooperation", "migrant_workers",
         "",
         "Internationellt jämförbar statistik om arbetskraftsinvandring",
         "Internationally comparable statistics on labour migration",
         "Statistiken anpassas till FN:s rekommendationer för internationell "
         "migrationsstatistik.",
         "The statistics are aligned with the UN recommendations on international migration "
         "statistics."),
    Base("STAT", "data_research", "1", "1h", "people_centred", "all_migrants women", "academia",
         "Undersökning av levnadsförhållanden bland migranter",
         "Survey of living conditions among migrants",
         "En återkommande urvalsundersökning om boende, hälsa, arbete och trygghet bland "
         "utrikes födda.",
         "A recurring sample survey on housing, health, work and safety among the foreign-born."),
    Base("PES", "programme", "18", "18h", "whole_of_society", "migrant_workers",
         "private_sector",
         "Yrkessvenska kombinerat med praktik",
         "Vocational Swedish combined with work placement",
         "Nyanlända arbetssökande kombinerar språkundervisning med praktik hos arbetsgivare.",
         "Newly arrived jobseekers combine language training with placements at employers."),
    Base("PES", "programme", "16", "16e", "gender_responsive", "women",
         "civil_society local_government",
         "Arbetsmarknadsinsatser för utrikes födda kvinnor",
         "Labour market measures for foreign-born women",
         "Coachning och yrkesutbildning för utrikes födda kvinnor som står långt från "
         "arbetsmarknaden.",
         "Coaching and vocational training for foreign-born women far from the labour market."),
    Base("PES", "programme", "5", "5e", "whole_of_society", "migrant_workers", "private_sector",
         "Kompetensmatchning mot bristyrken", "Skills matching for shortage occupations",
         "Ett digitalt matchningsverktyg kopplar ihop arbetsgivare med arbetssökande med "
         "utländsk kompetens.",
         "A digital matching tool links employers with jobseekers who have foreign skills."),
    Base("PES", "programme", "6", "6j", "human_rights", "migrant_workers",
         "trade_unions private_sector",
         "Information om arbetsrätt för säsongsarbetare",
         "Information on labour rights for seasonal workers",
         "Informationsinsatser på flera språk för säsongsarbetare i jord- och skogsbruket.",
         "Information in several languages for seasonal workers in agriculture and forestry."),
    Base("GEA", "programme", "10", "10h", "gender_responsive human_rights",
         "women victims_of_trafficking", "civil_society",
         "Stöd till kvinnor som utsatts för människohandel",
         "Support for women who have been trafficked",
         "Skyddat boende, juridisk rådgivning och stöd vid återvändande för kvinnor som utsatts "
         "för människohandel.",
         "Sheltered housing, legal advice and return support for women who have been "
         "trafficked."),
    Base("GEA", "programme", "7", "7c", "gender_responsive child_sensitive", "women children",
         "civil_society local_government",
         "Förebyggande av hedersrelaterat våld bland nyanlända",
         "Preventing honour-related violence among newly arrived migrants",
         "Utbildning för personal i skola, socialtjänst och vård om hedersrelaterat våld och "
         "förtryck.",
         "Training for staff in schools, social services and health care on honour-related "
         "violence and oppression."),
    Base("GEA", "data_research", "17", "17e", "gender_responsive human_rights",
         "women migrant_workers", "academia trade_unions",
         "Kartläggning av diskriminering av utrikes födda kvinnor i arbetslivet",
         "Survey of discrimination against foreign-born women at work",
         "En kartläggning av hur utrikes födda kvinnor bemöts vid rekrytering och på "
         "arbetsplatsen.",
         "A survey of how foreign-born women are treated in recruitment and at work."),
    Base("GEA", "policy", "16 7", "16e", "gender_responsive whole_of_government", "women", "",
         "Jämställdhetsintegrering av etableringsinsatserna",
         "Gender mainstreaming of introduction measures",
         "Myndigheterna ska redovisa etableringsinsatsernas utfall för kvinnor och män och "
         "åtgärda skillnader.",
         "Agencies must report the outcomes of introduction measures for women and men and "
         "address the differences."),
)
# fmt: on

# Swedish region names with their English forms.
REGIONS = (
    ("Region Skåne", "Skåne"),
    ("Västra Götalandsregionen", "Västra Götaland"),
    ("Region Stockholm", "Stockholm"),
    ("Region Norrbotten", "Norrbotten"),
    ("Region Uppsala", "Uppsala"),
    ("Region Jämtland Härjedalen", "Jämtland Härjedalen"),
    ("Region Örebro län", "Örebro County"),
    ("Region Västerbotten", "Västerbotten"),
    ("Region Kalmar län", "Kalmar County"),
    ("Region Gävleborg", "Gävleborg"),
)
RULE_KINDS = ("legislation", "policy", "institutional", "budget")
# Per variant of a base: title suffix and extra sentence in Swedish and English, and the kind
# of measure it is (None: the base's). Laws are implemented and evaluated; programmes piloted
# and extended.
VARIANTS = {
    "rule": (
        (" – genomförande i {sv}", " – implementation in {en}", "programme",
         "Här redovisas genomförandet i {sv}, där länsstyrelsen samordnar kommunernas arbete.",
         "This entry covers the implementation in {en}, where the county administrative "
         "board coordinates the municipalities."),
        (" – uppföljning och utvärdering", " – follow-up and evaluation", "data_research",
         "Uppföljningen mäter resultaten och lämnar förslag till förbättringar.",
         "The follow-up measures the results and proposes improvements."),
    ),
    "programme": (
        (" – pilot i {sv}", " – pilot in {en}", None,
         "Insatsen prövas först i {sv} tillsammans med kommunerna där och utvärderas efter "
         "två år.",
         "The measure is first tried in {en} with its municipalities and evaluated after two "
         "years."),
        (" – etapp 2", " – phase 2", None,
         "Etapp 2 bygger på erfarenheterna från den första etappen och breddar insatsen till "
         "fler kommuner.",
         "Phase 2 builds on the experience of the first phase and extends the measure to more "
         "municipalities."),
    ),
}  # fmt: skip
RETURN_COMMENTS = (
    "Koppla gärna åtgärden till de konkreta åtgärdspunkterna i målet.",
    "Ange budgeten och vem som finansierar insatsen.",
    "Slutdatumet stämmer inte med regeringsbeslutet; kontrollera det.",
    "Förtydliga vilka målgrupper insatsen riktar sig till.",
    "Beskriv hur civilsamhället har involverats.",
)
TRANSLATION_COMMENT = "Åtgärden behöver en engelsk översättning inför rapporten till FN."
# Per status at the end of the period: narrative, results in Swedish and English.
UPDATE_TEXTS = {
    "planned": (
        "Förberedelserna pågår: upphandling och rekrytering av projektledare.",
        "Preparations are under way: procurement and recruitment of a project manager.",
        "", "",
    ),
    "ongoing": (
        "Arbetet har fortsatt enligt plan under perioden. {n} personer har tagit del av "
        "insatsen.",
        "Work continued as planned during the period. {n} people took part in the measure.",
        "{p} procent av deltagarna uppger att insatsen har förbättrat deras situation.",
        "{p} per cent of the participants say that the measure has improved their situation.",
    ),
    "completed": (
        "Insatsen avslutades under perioden och har slutrapporterats.",
        "The measure was completed during the period and a final report was delivered.",
        "Slutrapporten visar att {p} procent av målen uppnåddes.",
        "The final report shows that {p} per cent of the targets were met.",
    ),
    "discontinued": (
        "Insatsen avbröts efter en omprioritering i budgeten.",
        "The measure was discontinued after budget reprioritisation.",
        "", "",
    ),
}  # fmt: skip
CHALLENGES = (
    ("Svårt att rekrytera personal med rätt språkkunskaper i vissa kommuner.",
     "Difficulty recruiting staff with the right language skills in some municipalities."),
    ("Långa väntetider hos samarbetande myndigheter försenade arbetet.",
     "Long waiting times at partner agencies delayed the work."),
    ("Färre deltagare än väntat i glesbygd.", "Fewer participants than expected in rural areas."),
    ("", ""),
)  # fmt: skip

# org, type, objectives, status, Swedish, English text, Swedish status narrative, stale date
PLEDGES = (
    ("MOJ", "policy_oriented", "10", "fulfilled",
     "Vi åtar oss att anta en nationell handlingsplan mot människohandel senast 2024.",
     "We pledge to adopt a national action plan against trafficking in persons by 2024.",
     "Handlingsplanen antogs i mars 2024.", None),
    ("MOJ", "process_oriented", "23", "in_progress",
     "Vi åtar oss att rapportera om genomförandet av migrationsramverket vartannat år, i samråd "
     "med civilsamhället.",
     "We pledge to report every two years on implementing the Compact, in consultation with "
     "civil society.",
     "Den första rapporten lämnades 2024; nästa förbereds.", None),
    ("MFA", "financial", "23", "in_progress",
     "Vi åtar oss att bidra med 30 miljoner kronor till FN:s fond för migration 2022–2026.",
     "We pledge SEK 30 million to the UN Migration Multi-Partner Trust Fund for 2022–2026.",
     "24 miljoner kronor har betalats ut.", None),
    ("MFA", "policy_oriented", "2", "fulfilled",
     "Vi åtar oss att integrera migration i vår strategi för utvecklingssamarbete.",
     "We pledge to integrate migration into our development cooperation strategy.",
     "Den nya strategin beslutades.", datetime.date(2022, 11, 15)),
    ("MOL", "policy_oriented", "6", "in_progress",
     "Vi åtar oss att stärka skyddet mot utnyttjande av arbetskraftsinvandrare.",
     "We pledge to strengthen the protection of labour migrants against exploitation.",
     "Lagförslaget har remitterats.", None),
    ("MOL", "process_oriented", "5", "in_progress",
     "Vi åtar oss att halvera handläggningstiden för arbetstillstånd i bristyrken.",
     "We pledge to halve processing times for work permits in shortage occupations.",
     "Handläggningstiden har minskat med en tredjedel.", datetime.date(2023, 3, 1)),
    ("MOH", "policy_oriented", "15", "fulfilled",
     "Vi åtar oss att säkerställa tillgång till vård för alla barn oavsett migrationsstatus.",
     "We pledge to ensure access to health care for all children regardless of migration "
     "status.",
     "Lagändringen trädde i kraft den 1 juli 2023.", None),
    ("MOE", "policy_oriented", "18", "in_progress",
     "Vi åtar oss att korta tiden för bedömning av utländska examina till högst fyra månader.",
     "We pledge to cut the time for assessing foreign degrees to at most four months.",
     "Den digitala tjänsten är införd; genomsnittstiden är fem månader.", None),
    ("MSA", "process_oriented", "7", "fulfilled",
     "Vi åtar oss att ta fram nationella riktlinjer för mottagandet av ensamkommande barn.",
     "We pledge to develop national guidelines for the reception of unaccompanied children.",
     "Riktlinjerna publicerades.", datetime.date(2023, 6, 12)),
    ("MIG", "process_oriented", "3", "fulfilled",
     "Vi åtar oss att erbjuda information om migrationsprocessen på minst tolv språk.",
     "We pledge to offer information on migration procedures in at least twelve languages.",
     "Portalen finns på tolv språk sedan 2023.", None),
    ("POL", "human_resources", "9", "in_progress",
     "Vi åtar oss att avsätta tio utredare till internationellt samarbete mot "
     "människosmuggling.",
     "We pledge to assign ten investigators to international cooperation against migrant "
     "smuggling.",
     "Sju utredare är på plats.", None),
    ("STAT", "process_oriented", "1", "fulfilled",
     "Vi åtar oss att publicera migrationsstatistik uppdelad efter kön, ålder och "
     "migrationsstatus.",
     "We pledge to publish migration statistics disaggregated by sex, age and migration status.",
     "Statistiken publiceras kvartalsvis.", None),
    ("PES", "human_resources", "16", "not_started",
     "Vi åtar oss att anställa 50 handledare med språkkunskaper för nyanlända arbetssökande.",
     "We pledge to hire 50 job coaches with language skills for newly arrived jobseekers.",
     "Rekryteringen väntar på budgetbeslut.", datetime.date(2022, 9, 30)),
    ("GEA", "policy_oriented", "7 16", "in_progress",
     "Vi åtar oss att jämställdhetsintegrera alla etableringsinsatser.",
     "We pledge to mainstream gender in all introduction measures.",
     "Hälften av myndigheterna redovisar utfall per kön.", None),
    ("MSA", "financial", "17", "withdrawn",
     "Vi åtar oss att fördubbla stödet till civilsamhällets arbete mot rasism.",
     "We pledge to double support for civil society's work against racism.",
     "Åtagandet drogs tillbaka i budgetpropositionen för 2024.", datetime.date(2023, 9, 20)),
)  # fmt: skip
# Measures (by the position of their base) that carry out a pledge (by its position above).
PLEDGE_LINKS = {0: 0, 4: 1, 7: 2, 5: 3, 9: 4, 10: 5, 13: 6, 18: 7, 21: 8, 29: 9, 35: 10,
                38: 11, 43: 12, 49: 13}  # fmt: skip
PLEDGE_PARTNERS = {0: "MIG POL", 5: "MIG PES", 6: "MSA", 8: "MOE", 12: "MOL"}
# Most pledges are approved and public; these are still in the workflow.
PLEDGE_WORKFLOWS = {7: "draft", 10: "submitted", 13: "returned"}
PLEDGE_MADE_ON = datetime.date(2022, 5, 20)  # The last day of the first IMRF.


# Planning: pure, from the fixed seed.


@dataclass(frozen=True)
class UpdatePlan:
    status: str
    narrative: str
    results: str
    challenges: str
    narrative_en: str
    results_en: str
    challenges_en: str
    workflow: str


@dataclass(frozen=True)
class MeasurePlan:
    organisation: str
    title: str
    title_en: str
    description: str
    description_en: str
    kind: str
    status: str
    objectives: tuple[int, ...]
    actions: tuple[str, ...]
    principles: tuple[str, ...]
    target_groups: tuple[str, ...]
    stakeholders: tuple[str, ...]
    partners: tuple[str, ...]
    start_date: datetime.date
    end_date: datetime.date | None
    budget_amount: Decimal | None
    pledge: int | None
    # draft, submitted, returned, approved, or approved after being returned once
    workflow: str
    comment: str
    imrf_update: UpdatePlan | None
    national_update: UpdatePlan | None


def _status(rng: random.Random, start, end, day: datetime.date) -> str:
    if start > day:
        return MeasureStatus.PLANNED
    if end and end < day:
        return MeasureStatus.DISCONTINUED if rng.random() < 0.1 else MeasureStatus.COMPLETED
    return MeasureStatus.ONGOING


def _update(rng: random.Random, status: str, workflow: str, english: bool) -> UpdatePlan:
    narrative, narrative_en, results, results_en = UPDATE_TEXTS[status]
    challenges, challenges_en = rng.choice(CHALLENGES)
    numbers = {"n": rng.randrange(40, 2400, 10), "p": rng.randrange(55, 95)}
    return UpdatePlan(
        status=status,
        narrative=narrative.format(**numbers),
        results=results.format(**numbers),
        challenges=challenges,
        narrative_en=narrative_en.format(**numbers) if english else "",
        results_en=results_en.format(**numbers) if english else "",
        challenges_en=challenges_en if english else "",
        workflow=workflow,
    )


def _workflow(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.15:
        return WorkflowState.DRAFT
    if draw < 0.27:
        return WorkflowState.SUBMITTED
    if draw < 0.37:
        return WorkflowState.RETURNED
    if draw < 0.45:
        return "approved_after_return"
    return WorkflowState.APPROVED


def _budget(rng: random.Random, kind: str) -> Decimal | None:
    if kind == MeasureKind.BUDGET:
        return Decimal(rng.randrange(50, 5000) * 1_000_000)
    if kind in RULE_KINDS:
        return Decimal(rng.randrange(1, 30) * 100_000) if rng.random() < 0.4 else None
    return Decimal(rng.randrange(5, 400) * 100_000)


def _variants(base: Base, region: tuple[str, str]):
    family = VARIANTS["rule" if base.kind in RULE_KINDS else "programme"]
    yield base.title, base.title_en, base.kind, base.description, base.description_en
    names = {"sv": region[0], "en": region[1]}
    for suffix, suffix_en, kind, extra, extra_en in family:
        yield (
            base.title + suffix.format(**names),
            base.title_en + suffix_en.format(**names),
            kind or base.kind,
            f"{base.description} {extra.format(**names)}",
            f"{base.description_en} {extra_en.format(**names)}",
        )


def plan_measures() -> list[MeasurePlan]:
    """About 150 measures: each base as it is and in two variants."""
    # Demo data, not secrets: a seeded generator is the point.
    rng = random.Random(SEED)  # noqa: S311  # nosec B311
    codes = [organisation[0] for organisation in ORGANISATIONS]
    plans = []
    for index, base in enumerate(BASES):
        region = rng.choice(REGIONS)
        year = rng.choice((2019, 2019, 2020, 2020, 2021, 2021, 2022, 2023, 2024))
        first_start = datetime.date(year, rng.choice((1, 3, 7, 9)), 1)
        for number, texts in enumerate(_variants(base, region)):
            title, title_en, kind, description, description_en = texts
            start = first_start.replace(year=first_start.year + number * rng.randint(1, 2))
            lasting = number == 0 and kind in ("legislation", "policy", "institutional")
            end = None if lasting else datetime.date(start.year + rng.randint(1, 4), 12, 31)
            workflow = _workflow(rng)
            # Some English translations are missing, for the report's check to find.
            english = workflow == "approved_after_return" or rng.random() > 0.12
            approved = workflow in (WorkflowState.APPROVED, "approved_after_return")
            imrf_update = national_update = None
            if approved and start <= IMRF_CYCLE["period_end"]:
                ended = end is not None and end <= IMRF_CYCLE["period_end"]
                status = MeasureStatus.COMPLETED if ended else MeasureStatus.ONGOING
                imrf_update = _update(rng, status, WorkflowState.APPROVED, english=True)
            status = _status(rng, start, end, STATUS_DAY)
            if workflow != WorkflowState.DRAFT and rng.random() < 0.7:
                national_update = _update(
                    rng,
                    status,
                    rng.choice(["draft", "submitted", "submitted", "returned", *["approved"] * 4]),
                    english=rng.random() > 0.15,
                )
            others = [code for code in codes if code != base.organisation]
            partners = rng.sample(others, rng.randint(1, 2)) if rng.random() < 0.4 else []
            plans.append(
                MeasurePlan(
                    organisation=base.organisation,
                    title=title,
                    title_en=title_en if english else "",
                    description=description,
                    description_en=description_en if english else "",
                    kind=kind,
                    status=status,
                    objectives=tuple(int(n) for n in base.objectives.split()),
                    actions=tuple(base.actions.split()),
                    principles=tuple(base.principles.split()),
                    target_groups=tuple(base.target_groups.split()),
                    stakeholders=tuple(base.stakeholders.split()),
                    partners=tuple(sorted(partners)),
                    start_date=start,
                    end_date=end,
                    budget_amount=_budget(rng, kind),
                    pledge=PLEDGE_LINKS.get(index) if number == 0 else None,
                    workflow=workflow,
                    comment=rng.choice(RETURN_COMMENTS),
                    imrf_update=imrf_update,
                    national_update=national_update,
                )
            )
    return plans


# Seeding: idempotent, through the services.


@dataclass
class SeedReport:
    password: str
    created: dict[str, int] = field(default_factory=dict)
    # username, role, organisation code
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    empty_objectives: tuple[int, ...] = EMPTY_OBJECTIVES
    missing_translations: int = 0

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


@dataclass
class _Context:
    """What the seeding steps share: the people who act, and the rows found or made."""

    report: SeedReport
    organisations: dict[str, Organisation]
    officers: dict[str, User]
    coordinator: User
    objectives: dict[int, Objective]
    actions: dict[str, Action]
    principles: dict[str, GuidingPrinciple]
    pledges: list[Pledge] = field(default_factory=list)
    measures: dict[str, Measure] = field(default_factory=dict)


def seed_demo(*, password: str = DEFAULT_PASSWORD) -> SeedReport:
    """Bring the demo government into the database; what exists already is left as it is.
    Needs the Compact loaded (python manage.py loadcompact)."""
    report = SeedReport(password=password)
    plans = plan_measures()
    report.missing_translations = sum(1 for plan in plans if not plan.title_en)
    with transaction.atomic():
        organisations = _seed_organisations(report)
        users = _seed_users(organisations, password, report)
        context = _Context(
            report=report,
            organisations=organisations,
            officers={code: users[f"officer-{code.lower()}"] for code in organisations},
            coordinator=users["coordinator"],
            objectives={objective.number: objective for objective in Objective.objects.all()},
            actions={
                f"{action.objective.number}{action.letter}": action
                for action in Action.objects.select_related("objective")
            },
            principles={principle.code: principle for principle in GuidingPrinciple.objects.all()},
        )
        _seed_pledges(context)
        for plan in plans:
            _seed_measure(context, plan)
        tz = timezone.get_default_timezone()
        imrf = _seed_cycle(context, IMRF_CYCLE, datetime.datetime(2022, 2, 28, 16, tzinfo=tz))
        # The open round's deadline lies ahead whenever the demo is seeded.
        today = timezone.localdate()
        deadline = datetime.datetime.combine(today, datetime.time(16), tzinfo=tz)
        national = _seed_cycle(context, NATIONAL_CYCLE, deadline + datetime.timedelta(days=60))
        if not imrf.is_closed:
            for plan in plans:
                _seed_update(context, plan, plan.imrf_update, imrf)
            cycle_close(actor=context.coordinator, cycle=imrf)
        for plan in plans:
            _seed_update(context, plan, plan.national_update, national)
    return report


def _seed_organisations(report: SeedReport) -> dict[str, Organisation]:
    organisations = {}
    for code, kind, parent, name_en, name_sv, name_nb, name_da in ORGANISATIONS:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            organisation = Organisation(
                code=code,
                kind=OrganisationKind(kind),
                parent=organisations.get(parent),
                name_en=name_en,
                name_sv=name_sv,
                name_nb=name_nb,
                name_da=name_da,
            )
            organisation.full_clean()
            organisation.save()
            report.count("organisations")
        organisations[code] = organisation
    return organisations


def _seed_users(organisations, password: str, report: SeedReport) -> dict[str, User]:
    people = dict(PEOPLE)
    for (code, *_names), (first_name, last_name) in zip(ORGANISATIONS, OFFICER_NAMES, strict=True):
        people[f"officer-{code.lower()}"] = (Role.DESK_OFFICER, code, first_name, last_name)
    existing = {user.username: user for user in User.objects.filter(username__in=people)}
    # One hash for all: hashing is deliberately slow, and these are throwaway demo logins.
    hashed = make_password(password)
    users = {}
    for username, (role, code, first_name, last_name) in people.items():
        user = existing.get(username)
        if user is None:
            user = User.objects.create(
                username=username,
                password=hashed,
                role=role,
                organisation=organisations.get(code),
                first_name=first_name,
                last_name=last_name,
                is_staff=role == Role.ADMINISTRATOR,
            )
            report.count("users")
        users[username] = user
        report.logins.append((username, str(Role(role).label), code or ""))
    # The demo logins share one hash, so this checks (slowly) about once, not per user.
    hashes = {user.password for user in existing.values()}
    stale = [encoded for encoded in hashes if not check_password(password, encoded)]
    if stale:
        # A second run with another --password: the demo logins take the new one.
        User.objects.filter(username__in=people, password__in=stale).update(password=hashed)
    return users


def _seed_pledges(context: _Context) -> None:
    existing = {pledge.text: pledge for pledge in Pledge.objects.filter(occasion="IMRF 2022")}
    for index, (code, kind, objectives, status, text, text_en, narrative, stale_on) in enumerate(
        PLEDGES
    ):
        pledge = existing.get(text)
        if pledge is None:
            pledge = pledge_create(
                actor=context.officers[code],
                data={
                    "text": text,
                    "text_en": text_en,
                    "pledge_type": PledgeType(kind),
                    "made_on": PLEDGE_MADE_ON,
                    "occasion": "IMRF 2022",
                    "network_reference": f"GCM-PLEDGE-2022-{101 + index}",
                    "status": PledgeStatus(status),
                    "status_narrative": narrative,
                    "objectives": [context.objectives[int(n)] for n in objectives.split()],
                    "co_pledging_organisations": [
                        context.organisations[partner]
                        for partner in PLEDGE_PARTNERS.get(index, "").split()
                    ],
                },
            )
            if stale_on:
                # Nobody has updated these since: the status date shows how old the news is.
                Pledge.objects.filter(pk=pledge.pk).update(status_updated_on=stale_on)
            comment = "Ange hur utfallet mäts och när åtagandet ska vara uppfyllt."
            _review(context, pledge, PLEDGE_WORKFLOWS.get(index, "approved"), comment, code)
            context.report.count("pledges")
        context.pledges.append(pledge)


def _review(context: _Context, entry, workflow: str, comment: str, code: str):
    """Take a new entry along its planned path through the workflow."""
    if workflow == WorkflowState.DRAFT:
        return entry
    entry = entry_submit(actor=context.officers[code], entry=entry)
    if workflow == WorkflowState.RETURNED:
        return entry_return(actor=context.coordinator, entry=entry, comment=comment)
    if workflow == WorkflowState.APPROVED:
        return entry_approve(actor=context.coordinator, entry=entry)
    return entry


def _seed_measure(context: _Context, plan: MeasurePlan) -> None:
    measure = Measure.objects.filter(title=plan.title).first()
    if measure is not None:
        context.measures[plan.title] = measure
        return
    officer = context.officers[plan.organisation]
    data = {
        "title": plan.title,
        "title_en": plan.title_en,
        "description": plan.description,
        "description_en": plan.description_en,
        "language": "sv",
        "kind": plan.kind,
        "status": plan.status,
        "start_date": plan.start_date,
        "end_date": plan.end_date,
        "budget_amount": plan.budget_amount,
        "budget_currency": "SEK" if plan.budget_amount is not None else "",
        "target_groups": list(plan.target_groups),
        "stakeholders": list(plan.stakeholders),
        "objectives": [context.objectives[number] for number in plan.objectives],
        "actions": [context.actions[code] for code in plan.actions],
        "guiding_principles": [context.principles[code] for code in plan.principles],
        "partner_organisations": [context.organisations[code] for code in plan.partners],
        "pledges": [context.pledges[plan.pledge]] if plan.pledge is not None else [],
    }
    if plan.workflow == "approved_after_return":
        # Submitted without its English texts, returned for them, completed and approved.
        english = {"title_en": data.pop("title_en"), "description_en": data.pop("description_en")}
        measure = measure_create(actor=officer, data=data)
        measure = _review(
            context, measure, WorkflowState.RETURNED, TRANSLATION_COMMENT, plan.organisation
        )
        measure = measure_update(
            actor=officer, measure=measure, expected_version=measure.version, data=english
        )
        measure = _review(context, measure, WorkflowState.APPROVED, "", plan.organisation)
    else:
        measure = measure_create(actor=officer, data=data)
        measure = _review(context, measure, plan.workflow, plan.comment, plan.organisation)
    context.measures[plan.title] = measure
    context.report.count("measures")


def _seed_cycle(context: _Context, values: dict, deadline: datetime.datetime) -> ReviewCycle:
    cycle = ReviewCycle.objects.filter(slug=values["slug"]).first()
    if cycle is None:
        cycle = cycle_create(actor=context.coordinator, deadline=deadline, **values)
        context.report.count("review cycles")
    return cycle


def _seed_update(context: _Context, plan: MeasurePlan, update, cycle: ReviewCycle) -> None:
    if update is None:
        return
    measure = context.measures[plan.title]
    if ProgressUpdate.objects.filter(measure=measure, cycle=cycle).exists():
        return
    data = {
        name: getattr(update, name)
        for name in (
            "status",
            "narrative",
            "results",
            "challenges",
            "narrative_en",
            "results_en",
            "challenges_en",
        )
    }
    created = progress_update_create(
        actor=context.officers[plan.organisation], measure=measure, cycle=cycle, data=data
    )
    comment = "Beskriv resultaten med siffror för perioden."
    _review(context, created, update.workflow, comment, plan.organisation)
    context.report.count("progress updates")
