import { ApiProperty } from '@nestjs/swagger';

export class DeadLetterDto {
  @ApiProperty({ example: '12' })
  id!: string;

  @ApiProperty({ description: 'Consumer group, `<service>.<purpose>`', example: 'notification.citizen-mails' })
  group!: string;

  @ApiProperty({ example: 'identity.citizen.v1' })
  topic!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  eventId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'citizen.registered' })
  eventType!: string | null;

  @ApiProperty({ description: 'The last failure', example: 'Error: connection refused' })
  error!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  failedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  replayedAt!: Date | null;
}

export class DeadLetterReplayDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    enum: ['replayed', 'already-processed'],
    description: '`already-processed`: the event had been handled meanwhile (redelivered), nothing was done twice',
  })
  outcome!: 'replayed' | 'already-processed';
}
