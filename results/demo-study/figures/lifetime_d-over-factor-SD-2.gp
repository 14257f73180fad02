# cd to this folder, then: gnuplot lifetime_d-over-factor-SD-2.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'lifetime_d-over-factor-SD-2.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'SD-2: lifetime_d over factor' noenhanced
set xlabel 'fog energy-efficiency factor' noenhanced
set ylabel 'battery lifetime (days)' noenhanced
set yrange [0:*]
set logscale x
set key outside right top
set xtics nomirror (1, 2, 5, 10, 20)
plot 'lifetime_d-over-factor-SD-2.dat' using 1:2 with linespoints lw 2 pt 5 title '' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'lifetime_d-over-factor-SD-2.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'lifetime_d-over-factor-SD-2.pdf'
replot
unset output
