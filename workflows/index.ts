export { beschikkingTermijn } from './beschikkingTermijn';
export { minimaatwerkbudget } from './minimaatwerkbudget';
export { schuldhulpTraject } from './schuldhulpTraject';
export { vroegEropaf } from './vroegEropaf';
export { persoonsslot } from './persoonsslot';
export { huishoudslot } from './huishoudslot';
export { informatieAdvies } from './informatieAdvies';
export { klachtenregistratie } from './klachtenregistratie';
