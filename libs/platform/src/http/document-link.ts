import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { Actor } from '../context/request-context.js';

/**
 * document-store's LinkedEntityVerifier port over HTTP. Before a document is attached to an entity another service
 * owns (an admin-verification request, an RAA request), document-store asks that owner
 * `GET /document-links/<entityType>/<entityId>?actorKind=&actorId=&actingFor=` with the service credential:
 * 404 (or `allowed: false`) refuses the link; anything but 200 leaves it unverifiable (never allowed). The owners
 * answer with these DTOs, document-store reads `DocumentLinkAnswer`.
 */
export interface DocumentLinkAnswer {
  /** Whether the actor may attach documents to the entity. */
  allowed: boolean;
  /** Whose document it becomes (the entity's owner: a citizen's codice fiscale). */
  ownerId?: string;
  /** The territory (provincia) the entity belongs to, for the operators who may later read it. */
  territory?: string | null;
}

const ACTOR_KINDS: ReadonlyArray<Actor['kind']> = ['citizen', 'operator', 'service', 'system'];

/** Who wants to attach the document (the caller document-store saw). */
export class DocumentLinkQueryDto {
  @ApiProperty({ enum: ACTOR_KINDS })
  @IsIn(ACTOR_KINDS)
  actorKind!: Actor['kind'];

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  actorId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  actingFor?: string;
}

export class DocumentLinkAnswerDto implements DocumentLinkAnswer {
  @ApiProperty() allowed!: boolean;
  @ApiPropertyOptional() ownerId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) territory?: string | null;
}
