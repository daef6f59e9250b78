import { Injectable } from '@nestjs/common';
import { normalizeCodiceFiscale, parseCodiceFiscale } from '@profila/italian';
import type { Actor } from '@profila/platform';
import {
  type AssociationDeclarationInput,
  generateAssociationDeclarationPdf,
} from '../pdf/association-declaration.pdf.js';
import { generateDelegaTemplatePdf } from '../pdf/delega-template.pdf.js';
import type { GeneratedPdf } from '../pdf/pdf-metadata.js';
import type { OrganizationData, PersonData } from '../pdf/pdf-subjects.js';
import { newRequestCode } from '../pdf/request-code.js';
import type { ExpectedDocument } from '../signatures/signature-inspector.js';
import type { AssociationRequest } from './association-request.entity.js';
import { AssociationRequestRepository } from './association-request.repository.js';
import type { AssociationDeclarationDto } from './dto/association-declaration.dto.js';
import type { DelegaTemplateDto } from './dto/delega-template.dto.js';
import type { OrganizationDto } from './dto/template-subjects.dto.js';
import { TemplatesException, TemplatesExceptionCode } from './templates.exception.js';

@Injectable()
export class TemplatesService {
  constructor(private readonly requests: AssociationRequestRepository) {}

  /**
   * The association declaration for the caller (a citizen: the codice fiscale of their login; a service: the one in
   * the body), with a new request code recorded with the PDF's hash so that the signed copy can be matched.
   */
  async associationDeclaration(
    actor: Actor,
    body: AssociationDeclarationDto,
    issuedAt = new Date(),
  ): Promise<GeneratedPdf> {
    const codiceFiscale = declarantCodiceFiscale(actor, body.citizen.codiceFiscale);
    assertBirthDateMatches(codiceFiscale, body.citizen.dataNascita);
    const input: AssociationDeclarationInput = {
      requestCode: newRequestCode('ASS'),
      citizen: {
        nome: body.citizen.nome,
        cognome: body.citizen.cognome,
        codiceFiscale,
        dataNascita: body.citizen.dataNascita,
        luogoNascita: body.citizen.luogoNascita,
      },
      organization: toOrganization(body.organization),
      issuedAt,
      ...(body.portal ? { portal: body.portal } : {}),
    };
    const pdf = await generateAssociationDeclarationPdf(input);
    await this.requests.insert({
      requestCode: pdf.requestCode,
      citizenCf: codiceFiscale,
      organizationCf: input.organization.codiceFiscale,
      sha256: pdf.sha256,
      size: pdf.size,
      fileName: pdf.fileName,
      input: { ...input, issuedAt: issuedAt.toISOString() },
      issuedAt,
      requestedBy: actor.id,
    });
    return pdf;
  }

  /** An association request the caller may check a signed copy against: their own, or any for a service. */
  async findAssociationRequest(actor: Actor, requestCode: string): Promise<AssociationRequest> {
    const request = await this.issuedAssociationRequest(requestCode);
    const visible = request && (actor.kind === 'service' || request.citizenCf === actor.id);
    if (!visible) {
      throw new TemplatesException(
        TemplatesExceptionCode.REQUEST_NOT_FOUND,
        'Codice richiesta non trovato: scaricare di nuovo la dichiarazione da firmare.',
      );
    }
    return request;
  }

  /** The association request with this code (case and spaces aside), whoever it was issued to. */
  issuedAssociationRequest(requestCode: string): Promise<AssociationRequest | null> {
    return this.requests.findByCode(requestCode.trim().toUpperCase());
  }

  /** What the signed copy must contain: the recorded hash, and the PDF itself regenerated from the recorded data. */
  async expectedDocument(request: AssociationRequest): Promise<ExpectedDocument> {
    const expected: ExpectedDocument = { requestCode: request.requestCode, sha256: request.sha256, size: request.size };
    const regenerated = await generateAssociationDeclarationPdf({
      ...request.input,
      issuedAt: new Date(request.input.issuedAt),
    });
    // Same bytes unless the generator changed since the request was issued: then compare by hash and code only.
    if (regenerated.sha256 === request.sha256) expected.pdf = regenerated.bytes;
    return expected;
  }

  /** The Trentino delega document filled with the organisation's and the administrator's data. */
  async delega(body: DelegaTemplateDto, issuedAt = new Date()): Promise<GeneratedPdf> {
    return generateDelegaTemplatePdf({
      requestCode: newRequestCode('DLG'),
      organization: toOrganization(body.organization),
      amministratore: {
        ...toPerson(body.amministratore),
        codiceFiscale: normalizeCodiceFiscale(body.amministratore.codiceFiscale),
        email: body.amministratore.email,
      },
      ...(body.legaleRappresentante
        ? {
            legaleRappresentante: {
              ...body.legaleRappresentante,
              ...(body.legaleRappresentante.codiceFiscale
                ? { codiceFiscale: normalizeCodiceFiscale(body.legaleRappresentante.codiceFiscale) }
                : {}),
            },
          }
        : {}),
      issuedAt,
      ...(body.portal ? { portal: body.portal } : {}),
    });
  }

  /** The delega document with blanks to fill in by hand. */
  async blankDelega(portal: string | undefined, issuedAt = new Date()): Promise<GeneratedPdf> {
    return generateDelegaTemplatePdf({ requestCode: newRequestCode('DLG'), issuedAt, ...(portal ? { portal } : {}) });
  }
}

function declarantCodiceFiscale(actor: Actor, fromBody: string | undefined): string {
  if (actor.kind === 'citizen') return normalizeCodiceFiscale(actor.id);
  if (!fromBody) {
    throw new TemplatesException(
      TemplatesExceptionCode.DECLARANT_REQUIRED,
      'Indicare il codice fiscale del dichiarante (citizen.codiceFiscale).',
    );
  }
  return normalizeCodiceFiscale(fromBody);
}

/** The birth date printed must be the one the codice fiscale encodes (a typo would make the declaration false). */
function assertBirthDateMatches(codiceFiscale: string, dataNascita: string): void {
  const data = parseCodiceFiscale(codiceFiscale);
  const [year, month, day] = dataNascita.split('-').map(Number);
  if (data && (data.annoNascita2 !== year % 100 || data.meseNascita !== month || data.giornoNascita !== day)) {
    throw new TemplatesException(
      TemplatesExceptionCode.DECLARANT_DATA_MISMATCH,
      'La data di nascita non corrisponde al codice fiscale del dichiarante.',
    );
  }
}

function toPerson(p: PersonData): PersonData {
  return {
    nome: p.nome,
    cognome: p.cognome,
    codiceFiscale: p.codiceFiscale,
    dataNascita: p.dataNascita,
    luogoNascita: p.luogoNascita,
  };
}

function toOrganization(o: OrganizationDto): OrganizationData {
  const org: OrganizationData = {
    ragioneSociale: o.ragioneSociale,
    codiceFiscale: o.estera ? o.codiceFiscale.trim() : normalizeCodiceFiscale(o.codiceFiscale),
    sedeLegale: { ...o.sedeLegale },
  };
  if (o.partitaIva) org.partitaIva = o.partitaIva;
  if (o.estera) org.estera = true;
  if (o.tipoSoggettoAbilitato) org.tipoSoggettoAbilitato = o.tipoSoggettoAbilitato;
  return org;
}
