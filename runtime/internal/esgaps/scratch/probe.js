const IP = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const checks = {
 "Object.groupBy": typeof Object.groupBy,
 "Map.groupBy": typeof Map.groupBy,
 "Array.fromAsync": typeof Array.fromAsync,
 "Iterator": typeof globalThis.Iterator,
 "IP.map": typeof IP.map,
 "IP.toArray": typeof IP.toArray,
 "Set.union": typeof Set.prototype.union,
 "Set.intersection": typeof Set.prototype.intersection,
 "Set.difference": typeof Set.prototype.difference,
 "Set.symmetricDifference": typeof Set.prototype.symmetricDifference,
 "Set.isSubsetOf": typeof Set.prototype.isSubsetOf,
 "Set.isSupersetOf": typeof Set.prototype.isSupersetOf,
 "Set.isDisjointFrom": typeof Set.prototype.isDisjointFrom,
 "String.isWellFormed": typeof String.prototype.isWellFormed,
 "String.toWellFormed": typeof String.prototype.toWellFormed,
 "Array.findLast": typeof Array.prototype.findLast,
 "Array.findLastIndex": typeof Array.prototype.findLastIndex,
 "Array.toSorted": typeof Array.prototype.toSorted,
 "Array.toReversed": typeof Array.prototype.toReversed,
 "Array.toSpliced": typeof Array.prototype.toSpliced,
 "Array.with": typeof Array.prototype.with,
 "TA.findLast": typeof Uint8Array.prototype.findLast,
 "TA.toSorted": typeof Uint8Array.prototype.toSorted,
 "TA.toReversed": typeof Uint8Array.prototype.toReversed,
 "TA.with": typeof Uint8Array.prototype.with,
 "Array.at": typeof Array.prototype.at,
 "String.at": typeof String.prototype.at,
 "Object.hasOwn": typeof Object.hasOwn,
 "structuredClone": typeof structuredClone,
 "ArrayBuffer.transfer": typeof ArrayBuffer.prototype.transfer,
 "Error.captureStackTrace": typeof Error.captureStackTrace,
 "RegExp.escape": typeof RegExp.escape,
 "Math.sumPrecise": typeof Math.sumPrecise,
 "Promise.withResolvers": typeof Promise.withResolvers,
 "Intl": typeof Intl,
 "Atomics": typeof Atomics,
 "String.localeCompare": typeof String.prototype.localeCompare,
 "String.normalize": typeof String.prototype.normalize,
 "Array.flat": typeof Array.prototype.flat,
 "String.replaceAll": typeof String.prototype.replaceAll,
 "Array.copyWithin": typeof Array.prototype.copyWithin,
};
let s = new Set([1,2]);
let u; try { u = [...s.union(new Set([3]))].join(); } catch (e) { u = String(e); }
checks.unionWorks = u;
try { checks.unionSetLike = [...s.union({size: 1, has: () => true, keys: () => [9][Symbol.iterator]()})].join(); } catch (e) { checks.unionSetLike = String(e); }
checks.unionDesc = JSON.stringify(Object.getOwnPropertyDescriptor(Set.prototype, "union")) + " len=" + Set.prototype.union.length;
checks.IPkeys = Object.getOwnPropertyNames(IP).concat(Object.getOwnPropertySymbols(IP).map(String)).join();
checks.localeCompare = ["a".localeCompare("B"), "ä".localeCompare("z")].join();
checks.toLocaleString = [(1234.5).toLocaleString(), new Date(0).toLocaleString(), new Date(0).toLocaleDateString()].join(" | ");
checks.genProto = Object.getPrototypeOf(Object.getPrototypeOf(function*(){}.prototype)) === IP;
JSON.stringify(checks, null, 1);
