import { ApiProperty } from '@nestjs/swagger';
import { DateTimeProperty, NullableTextProperty, PatternField, TextField } from '../../../common/dto/fields';
import { PageOf } from '../../../common/pagination/page.dto';

export class CreateAccountDto {
  @TextField({ optional: true, max: 100, description: 'A name for this device, shown in the token list (stored encrypted)', example: 'Tablet' })
  deviceName?: string;
}

export class PairDto {
  @PatternField(/^[0-9A-Za-z -]{8,20}$/, 'pairing_code', { description: 'The pairing code shown on the first device (case and dashes do not matter)', example: '7KQ2X-M49PT', max: 20 })
  code!: string;

  @TextField({ optional: true, max: 100, description: 'A name for this device (stored encrypted)', example: 'Telefon' })
  deviceName?: string;
}

export class MemberAccessDto {
  @ApiProperty({ example: 'musterstadt' }) body!: string;
  @ApiProperty({ example: 'Stadt Musterstadt' }) name!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) grantedAt!: string;
}

export class UsageDto {
  @ApiProperty({ example: 12 }) notes!: number;
  @ApiProperty({ example: 30 }) markings!: number;
  @ApiProperty({ example: 4 }) bookmarks!: number;
  @ApiProperty({ example: 2 }) follows!: number;
  @ApiProperty({ example: 2 }) devices!: number;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid', description: 'Give this id to the city to be granted member access to a body' }) id!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) createdAt!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00', description: 'Last request with any of the tokens (to the hour)' }) lastUsedAt!: string;
  @DateTimeProperty({ nullable: true, example: '2028-03-04T18:00:00+01:00', description: 'When the account and all its data will be deleted unless it is used before; null when accounts do not expire' })
  expiresAt!: string | null;
  @ApiProperty({ type: [MemberAccessDto], description: 'Bodies whose non-public content this account reads' }) memberOf!: MemberAccessDto[];
  @ApiProperty({ type: UsageDto }) usage!: UsageDto;
  @ApiProperty({ type: UsageDto, description: 'The most this account may hold' }) limits!: UsageDto;
}

export class CreatedAccountDto {
  @ApiProperty({ type: AccountDto }) account!: AccountDto;
  @ApiProperty({ example: 'ra_Jc3v…', description: 'The token of this device: shown only now; send it as `Authorization: Bearer <token>`' }) token!: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the token (for the token list and revoking)' }) tokenId!: string;
}

export class DeviceTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @NullableTextProperty('Tablet') deviceName!: string | null;
  @ApiProperty({ example: 'ra_Jc3vX1q', description: 'First characters of the token' }) prefix!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) createdAt!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) lastUsedAt!: string;
  @ApiProperty({ description: 'The token of this request' }) current!: boolean;
}

export const DeviceTokenPageDto = PageOf(DeviceTokenDto, 'DeviceTokenPage');

export class PairingCodeDto {
  @ApiProperty({ example: '7KQ2X-M49PT', description: 'Show it on this device and type it on the other; single use' }) code!: string;
  @DateTimeProperty({ example: '2026-03-04T18:10:00+01:00' }) expiresAt!: string;
}

export class MemberGrantDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: 'musterstadt' }) body!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) grantedAt!: string;
  @DateTimeProperty({ optional: true, nullable: true, example: '2026-03-04T18:00:00+01:00', description: 'Last use of the account' }) lastUsedAt!: string | null;
}

export const MemberGrantPageDto = PageOf(MemberGrantDto, 'MemberGrantPage');
