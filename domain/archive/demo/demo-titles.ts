/**
 * What the demo cases are about: the kinds of case a Norwegian municipality registers, with the
 * titles of their case, incoming letter, answer and decision. `{navn}` is a party's name, which
 * offentleglova § 13 screens in the public title; `{adresse}` a place.
 */
export interface CaseTheme {
  area: 'byggesak' | 'barnevern' | 'innkjop' | 'personal' | 'politisk' | 'skole' | 'okonomi' | 'innsyn';
  /** Units whose code or name suggests the theme (the demo organisation's codes). */
  units: readonly string[];
  caseTitle: string;
  incoming: string;
  reply: string;
  decision: string;
  /** The case ends in an enkeltvedtak (forvaltningsloven § 11 a). */
  enkeltvedtak: boolean;
  /** Parties are named and screened under offentleglova § 13, with this access code. */
  screened: 'P' | 'B' | 'H' | null;
}

export const CASE_THEMES: readonly CaseTheme[] = [
  {
    area: 'byggesak',
    units: ['PLB'],
    caseTitle: 'Søknad om tillatelse til tiltak – {adresse}',
    incoming: 'Søknad om tillatelse til tiltak – {adresse}',
    reply: 'Melding om mangler ved søknad – {adresse}',
    decision: 'Vedtak – tillatelse til tiltak, {adresse}',
    enkeltvedtak: true,
    screened: null,
  },
  {
    area: 'byggesak',
    units: ['PLB'],
    caseTitle: 'Dispensasjon fra reguleringsplan – {adresse}',
    incoming: 'Søknad om dispensasjon – {adresse}',
    reply: 'Foreløpig svar – søknad om dispensasjon',
    decision: 'Vedtak om dispensasjon – {adresse}',
    enkeltvedtak: true,
    screened: null,
  },
  {
    area: 'barnevern',
    units: ['OPPV', 'NSK'],
    caseTitle: 'Bekymringsmelding – {navn}',
    incoming: 'Bekymringsmelding vedrørende {navn}',
    reply: 'Svar på bekymringsmelding – {navn}',
    decision: 'Vedtak om hjelpetiltak – {navn}',
    enkeltvedtak: true,
    screened: 'B',
  },
  {
    area: 'skole',
    units: ['NSK', 'OPPV'],
    caseTitle: 'Søknad om skoleskyss – {navn}',
    incoming: 'Søknad om skoleskyss – {navn}',
    reply: 'Svar på søknad om skoleskyss – {navn}',
    decision: 'Vedtak om skoleskyss – {navn}',
    enkeltvedtak: true,
    screened: 'P',
  },
  {
    area: 'personal',
    units: ['KOMM', 'OKO', 'NSK'],
    caseTitle: 'Tilsetting – rådgiver, {enhet}',
    incoming: 'Søknad på stilling som rådgiver – {navn}',
    reply: 'Innkalling til intervju – {navn}',
    decision: 'Tilbud om stilling som rådgiver – {navn}',
    enkeltvedtak: false,
    screened: 'P',
  },
  {
    area: 'personal',
    units: ['KOMM', 'DOKU', 'OKO'],
    caseTitle: 'Permisjon – {navn}',
    incoming: 'Søknad om permisjon – {navn}',
    reply: 'Svar på søknad om permisjon – {navn}',
    decision: 'Innvilget permisjon – {navn}',
    enkeltvedtak: false,
    screened: 'P',
  },
  {
    area: 'innkjop',
    units: ['OKO'],
    caseTitle: 'Anskaffelse av {vare}',
    incoming: 'Tilbud – anskaffelse av {vare}',
    reply: 'Spørsmål til tilbyder – anskaffelse av {vare}',
    decision: 'Tildeling av kontrakt – {vare}',
    enkeltvedtak: false,
    screened: null,
  },
  {
    area: 'okonomi',
    units: ['OKO'],
    caseTitle: 'Søknad om startlån – {navn}',
    incoming: 'Søknad om startlån – {navn}',
    reply: 'Etterspørsel av dokumentasjon – startlån',
    decision: 'Vedtak om startlån – {navn}',
    enkeltvedtak: true,
    screened: 'P',
  },
  {
    area: 'politisk',
    units: ['KOMM'],
    caseTitle: 'Kommunestyrets behandling – {politisk}',
    incoming: 'Innspill til {politisk}',
    reply: 'Svar på innspill til {politisk}',
    decision: 'Kommunestyrets vedtak – {politisk}',
    enkeltvedtak: false,
    screened: null,
  },
  {
    area: 'innsyn',
    units: ['DOKU'],
    caseTitle: 'Innsynskrav – {tema}',
    incoming: 'Krav om innsyn i dokumenter om {tema}',
    reply: 'Svar på innsynskrav – {tema}',
    decision: 'Vedtak om innsyn – {tema}',
    enkeltvedtak: true,
    screened: null,
  },
];

export const SAKSFRAMLEGG_TOPICS = [
  'budsjett og økonomiplan',
  'kommuneplanens arealdel',
  'reguleringsplan for Sentrum nord',
  'ny barnehagestruktur',
  'tertialrapport',
  'eierskapsmelding',
  'trafikksikkerhetsplan',
  'vedlikehold av kommunale bygg',
] as const;

export const FIRST_NAMES = [
  'Ola', 'Kari', 'Per', 'Ingrid', 'Nils', 'Anne', 'Jonas', 'Sofie', 'Lars', 'Emma', 'Magnus', 'Nora', 'Henrik', 'Ida', 'Sindre',
  'Marte', 'Eirik', 'Silje', 'Håkon', 'Thea', 'Øystein', 'Åse', 'Bjørn', 'Solveig', 'Kristian', 'Hanne', 'Jørgen', 'Tone',
] as const;

export const LAST_NAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen',
  'Haugen', 'Berg', 'Dahl', 'Lie', 'Bakken', 'Solberg', 'Eide', 'Strand', 'Moen', 'Sæther', 'Lund', 'Aas', 'Holm', 'Fjeld',
] as const;

export const STREETS = ['Storgata', 'Kirkeveien', 'Skolegata', 'Fjordveien', 'Bakkeveien', 'Solbakken', 'Elvegata', 'Furuveien', 'Havnegata'] as const;

export const GOODS = ['skolemøbler', 'brøyteutstyr', 'IKT-utstyr til skolene', 'kantinetjenester', 'renholdstjenester', 'el-biler til hjemmetjenesten'] as const;

export const POLITICAL = ['budsjett 2027', 'kommuneplanens samfunnsdel', 'interkommunalt samarbeid om brannvern', 'boligsosial handlingsplan'] as const;

export const TOPICS = ['skoleskyss', 'vegvedlikehold', 'kommunens innkjøp', 'byggesaker i Sentrum', 'vann og avløp'] as const;

export const UNIT_NAMES = ['Teknisk drift', 'Helse og omsorg', 'Kultur', 'NAV kommune', 'Eiendom', 'Barnehage', 'Vann og avløp', 'Skatt og innfordring'] as const;
