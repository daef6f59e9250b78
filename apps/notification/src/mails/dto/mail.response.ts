import { ApiProperty } from '@nestjs/swagger';

export class MailResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The event that caused the mail' })
  eventId!: string;

  @ApiProperty({ example: 'citizen-registered' })
  template!: string;

  @ApiProperty({ example: 'mario.rossi@example.it' })
  recipient!: string;

  @ApiProperty({ example: 'Benvenuto in Profila' })
  subject!: string;

  @ApiProperty({ enum: ['pending', 'sent', 'failed'] })
  status!: 'pending' | 'sent' | 'failed';

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
