import { dataConverterVoor } from '../../common/dataConverter';
import { leesSleutelring, metNieuweSleutel } from '../../common/sleutelring';

/** A keyring made fresh for each test run: no key is ever committed. As JSON for a SLEUTELRING variable. */
export const testSleutelringJson = JSON.stringify(metNieuweSleutel());
export const testSleutelring = leesSleutelring(testSleutelringJson, 'test');
export const testDataConverter = dataConverterVoor(testSleutelring);
