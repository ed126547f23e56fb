export { beschikkingTermijn } from './beschikkingTermijn';
export { schuldhulpTraject } from './schuldhulpTraject';
export { vroegEropaf } from './vroegEropaf';
export { persoonsslot } from './persoonsslot';
