// Names in Belarusian Cyrillic, Russian Cyrillic and the Latin (passport) transliteration of
// the Belarusian form, as people actually appear in our files.
export type NameForms = { be: string; ru: string; lat: string };
export type Surname = NameForms & { female?: NameForms };

export const MALE_FIRST_NAMES: NameForms[] = [
  { be: "Аляксандр", ru: "Александр", lat: "Aliaksandr" },
  { be: "Алесь", ru: "Алесь", lat: "Ales" },
  { be: "Сяргей", ru: "Сергей", lat: "Siarhei" },
  { be: "Андрэй", ru: "Андрей", lat: "Andrei" },
  { be: "Дзмітрый", ru: "Дмитрий", lat: "Dzmitry" },
  { be: "Мікалай", ru: "Николай", lat: "Mikalai" },
  { be: "Павел", ru: "Павел", lat: "Pavel" },
  { be: "Ігар", ru: "Игорь", lat: "Ihar" },
  { be: "Віктар", ru: "Виктор", lat: "Viktar" },
  { be: "Уладзімір", ru: "Владимир", lat: "Uladzimir" },
  { be: "Максім", ru: "Максим", lat: "Maksim" },
  { be: "Яўген", ru: "Евгений", lat: "Yauhen" },
  { be: "Віталь", ru: "Виталий", lat: "Vital" },
  { be: "Раман", ru: "Роман", lat: "Raman" },
  { be: "Юрый", ru: "Юрий", lat: "Yury" },
];

export const FEMALE_FIRST_NAMES: NameForms[] = [
  { be: "Ганна", ru: "Анна", lat: "Hanna" },
  { be: "Марыя", ru: "Мария", lat: "Maryia" },
  { be: "Вольга", ru: "Ольга", lat: "Volha" },
  { be: "Таццяна", ru: "Татьяна", lat: "Tatsiana" },
  { be: "Наталля", ru: "Наталья", lat: "Natallia" },
  { be: "Алена", ru: "Елена", lat: "Alena" },
  { be: "Ірына", ru: "Ирина", lat: "Iryna" },
  { be: "Святлана", ru: "Светлана", lat: "Sviatlana" },
  { be: "Юлія", ru: "Юлия", lat: "Yulia" },
  { be: "Кацярына", ru: "Екатерина", lat: "Katsiaryna" },
  { be: "Дар'я", ru: "Дарья", lat: "Darya" },
  { be: "Людміла", ru: "Людмила", lat: "Liudmila" },
];

export const SURNAMES: Surname[] = [
  { be: "Каваленка", ru: "Коваленко", lat: "Kavalenka" },
  { be: "Сарока", ru: "Сорока", lat: "Saroka" },
  { be: "Шаўчэнка", ru: "Шевченко", lat: "Shauchenka" },
  { be: "Лукашэвіч", ru: "Лукашевич", lat: "Lukashevich" },
  { be: "Кузьміч", ru: "Кузьмич", lat: "Kuzmich" },
  { be: "Жук", ru: "Жук", lat: "Zhuk" },
  { be: "Мельнік", ru: "Мельник", lat: "Melnik" },
  { be: "Грыневіч", ru: "Гриневич", lat: "Hrynevich" },
  { be: "Карповіч", ru: "Карпович", lat: "Karpovich" },
  { be: "Лысенка", ru: "Лысенко", lat: "Lysenka" },
  { be: "Дашкевіч", ru: "Дашкевич", lat: "Dashkevich" },
  { be: "Станкевіч", ru: "Станкевич", lat: "Stankevich" },
  { be: "Ткачук", ru: "Ткачук", lat: "Tkachuk" },
  { be: "Бабко", ru: "Бабко", lat: "Babko" },
  {
    be: "Мядзведзеў",
    ru: "Медведев",
    lat: "Miadzviedzieu",
    female: { be: "Мядзведзева", ru: "Медведева", lat: "Miadzviedzieva" },
  },
  { be: "Навіцкі", ru: "Новицкий", lat: "Navitski", female: { be: "Навіцкая", ru: "Новицкая", lat: "Navitskaya" } },
  { be: "Зайцаў", ru: "Зайцев", lat: "Zaitsau", female: { be: "Зайцава", ru: "Зайцева", lat: "Zaitsava" } },
  { be: "Саковіч", ru: "Сакович", lat: "Sakovich" },
  { be: "Гурскі", ru: "Гурский", lat: "Hurski", female: { be: "Гурская", ru: "Гурская", lat: "Hurskaya" } },
  { be: "Пятроў", ru: "Петров", lat: "Piatrou", female: { be: "Пятрова", ru: "Петрова", lat: "Piatrova" } },
];

/** Names people choose when they would rather not give their own. */
export const PSEUDONYMS = ["Вецер", "Сонца", "Ліса", "Мароз", "Рыжы", "Alex", "Anna K.", "Марк", "Оля", "Sasha"];

export const DETENTION_PLACES = [
  "Калонія №15, Магілёў",
  "Калонія №2, Бабруйск",
  "Калонія №4, Гомель",
  "ИК-17, Шклов",
  "ИК-3, Витебск",
  "СИЗО-1, Минск",
  "Турма №8, Жодзіна",
  "Penal colony No. 9, Horki",
];

export const CITIES: { country: string; city: string }[] = [
  { country: "LT", city: "Vilnius" },
  { country: "PL", city: "Warszawa" },
  { country: "PL", city: "Białystok" },
  { country: "GE", city: "Tbilisi" },
  { country: "DE", city: "Berlin" },
  { country: "BY", city: "Minsk" },
  { country: "BY", city: "Hrodna" },
  { country: "LV", city: "Riga" },
  { country: "UA", city: "Kyiv" },
];
