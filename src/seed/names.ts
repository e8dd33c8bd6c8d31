/** Fictional German names: common given and family names, combined at random. */

export const FEMALE_NAMES = ['Anna', 'Sabine', 'Claudia', 'Julia', 'Petra', 'Monika', 'Lena', 'Sophie', 'Birgit', 'Jutta', 'Heike', 'Nicole', 'Miriam', 'Jana', 'Ute', 'Marlene', 'Greta', 'Hülya', 'Renate', 'Doris', 'Elke', 'Franziska', 'Carolin', 'Leonie'];
export const MALE_NAMES = ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Jürgen', 'Klaus', 'Matthias', 'Jan', 'Lukas', 'Tobias', 'Günter', 'Frank', 'Mehmet', 'Jörg', 'Sven', 'Björn', 'Uwe', 'Dieter', 'Felix', 'Paul', 'Reinhard', 'Timo', 'Markus', 'Oliver'];
export const FAMILY_NAMES = [
  'Becker', 'Schäfer', 'Köhler', 'Weiß', 'Groß', 'Krüger', 'Hoffmann', 'Schröder', 'Neumann', 'Schulze', 'Braun', 'Zimmermann',
  'Hartmann', 'Lange', 'Krause', 'Lehmann', 'Böhm', 'Vogel', 'Jäger', 'Fuchs', 'Haas', 'Winkler', 'Lorenz', 'Brandt', 'Kühn',
  'Pohl', 'Engel', 'Horn', 'Busch', 'Bergmann', 'Voigt', 'Möller', 'Nowak', 'Yildiz', 'Öztürk', 'Kowalski', 'Ruppert', 'Stöcker',
  'Seifert', 'Sauer', 'Roth', 'Albrecht', 'Franke', 'Kraus', 'Martens', 'Dietrich', 'Günther', 'Heinrich',
];
export const PROFESSIONS = ['Verwaltungsfachwirtin', 'Diplom-Ingenieur', 'Lehrerin', 'Rechtsanwalt', 'Krankenpfleger', 'Steuerberaterin', 'Elektromeister', 'Sozialpädagogin', 'Landwirt', 'Architektin', 'Bankkaufmann', 'Erzieherin', 'Apotheker', 'Rentnerin', 'Schreinermeister', 'Physiotherapeutin'];

