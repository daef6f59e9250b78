import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { EventType } from '@profila/contracts';
import { OutboxService } from '@profila/messaging';
import {
  apply,
  type Command,
  type RuleViolation,
  type Transition,
  VerificationRuleError,
} from './domain/verification-request.machine.js';
import { requestPayload } from './request-view.js';
import type { VerificationRequest } from './verification-request.entity.js';
import { VerificationRequestRepository } from './verification-request.repository.js';
import { VerificationException, VerificationExceptionCode } from './verification.exception.js';

type RequestEvent = Extract<EventType, `verification-request.${string}`>;

/**
 * Applies a step of the state machine to a locked request and writes, in the caller's transaction, the request,
 * its history steps, the audit entry (operator or applicant, time, reason) and the event.
 */
@Injectable()
export class RequestRecorder {
  constructor(
    private readonly requests: VerificationRequestRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async step(
    tx: EntityManager,
    request: VerificationRequest,
    command: Command,
    event: RequestEvent | null,
    options: { now?: Date; beforeSave?: (t: Transition) => void } = {},
  ): Promise<Transition> {
    const now = options.now ?? new Date();
    let transition: Transition;
    try {
      transition = apply(
        { state: request.state, applicantCf: request.applicantCf, takenBy: request.takenBy, dueDate: request.dueDate },
        command,
      );
    } catch (error) {
      if (error instanceof VerificationRuleError) throw ruleException(error.violation);
      throw error;
    }
    const { next } = transition;
    const entersQueue = next.state === 'pending' || next.state === 'resubmitted';
    request.state = next.state;
    request.takenBy = next.takenBy;
    request.dueDate = next.dueDate;
    if (command.type === 'reject') request.decisionNote = command.reason.trim();
    if (command.type === 'request-integration') request.decisionNote = command.missing.trim();
    if (command.type === 'approve') request.decisionNote = null;
    if (entersQueue && command.type !== 'edit') request.waitingSince = now;
    request.updatedAt = now;
    options.beforeSave?.(transition);
    await this.requests.save(tx, request);
    await this.requests.addSteps(
      tx,
      transition.steps.map((s, i) => ({
        id: randomUUID(),
        requestId: request.id,
        action: s.action,
        fromState: s.from,
        toState: s.to,
        actorCf: s.by,
        note: s.note,
        occurredAt: new Date(now.getTime() + i),
      })),
    );
    for (const s of transition.steps) {
      await this.audit.record(tx, {
        action: `verification-request.${s.action}`,
        subject: { type: 'verification-request', id: request.id },
        data: { kind: request.kind, from: s.from, to: s.to, note: s.note },
        occurredAt: now,
      });
    }
    if (event) {
      await this.outbox.add(tx, event, request.id, requestPayload(request));
    }
    return transition;
  }
}

export function ruleException(violation: RuleViolation): VerificationException {
  switch (violation) {
    case 'NOT_ALLOWED_IN_STATE':
      return new VerificationException(
        VerificationExceptionCode.TRANSITION_NOT_ALLOWED,
        'Operazione non possibile nello stato attuale della richiesta.',
      );
    case 'NOT_APPLICANT':
      return new VerificationException(
        VerificationExceptionCode.TRANSITION_NOT_ALLOWED,
        'Solo chi ha inviato la richiesta può modificarla.',
      );
    case 'TAKEN_BY_ANOTHER_OPERATOR':
      return new VerificationException(
        VerificationExceptionCode.TAKEN_BY_ANOTHER_OPERATOR,
        'La richiesta è in carico a un altro operatore.',
      );
    case 'NOTE_REQUIRED':
      return new VerificationException(VerificationExceptionCode.TRANSITION_NOT_ALLOWED, 'Indicare la motivazione.');
    case 'PAST_DUE':
      return new VerificationException(
        VerificationExceptionCode.PAST_DUE,
        'Il termine per integrare la richiesta è scaduto.',
      );
  }
}
